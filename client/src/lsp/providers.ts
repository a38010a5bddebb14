/**
 * VS Code's language feature providers, each one LSP request to the server. Only the features the server
 * announces in its capabilities are registered.
 */
import * as vscode from 'vscode';
import type * as lsp from 'vscode-languageserver-protocol';
import {
  fromDiagnostic, fromPosition, fromRange, textDocumentOf, toCodeAction, toCodeLens, toCompletionList, toDocumentLink,
  toDocumentSymbol, toFoldingRange, toHover, toInlayHint, toSelectionRange, toTextEdit,
} from './convert';

/** Sends a request to the running server; resolves undefined if it was cancelled, failed or the server is down. */
export type ServerRequest = <R>(method: string, params: unknown, token: vscode.CancellationToken) => Promise<R | undefined>;

export function registerProviders(selector: vscode.DocumentSelector, capabilities: lsp.ServerCapabilities, request: ServerRequest): vscode.Disposable[] {
  const { languages } = vscode;
  const providers: vscode.Disposable[] = [];
  /** Asks the server and converts each element of a list answer. */
  const each = async <T, R>(method: string, params: unknown, token: vscode.CancellationToken, convert: (item: T) => R): Promise<R[] | undefined> =>
    (await request<T[] | null>(method, params, token))?.map(convert);

  if (capabilities.completionProvider) {
    providers.push(languages.registerCompletionItemProvider(selector, {
      async provideCompletionItems(document, position, token, context) {
        const result = await request<lsp.CompletionItem[] | lsp.CompletionList | null>('textDocument/completion', {
          textDocument: textDocumentOf(document), position: fromPosition(position),
          // VS Code counts trigger kinds from 0, LSP from 1.
          context: { triggerKind: context.triggerKind + 1, triggerCharacter: context.triggerCharacter },
        }, token);
        return result ? toCompletionList(result) : undefined;
      },
    }, ...capabilities.completionProvider.triggerCharacters ?? []));
  }
  if (capabilities.hoverProvider) {
    providers.push(languages.registerHoverProvider(selector, {
      async provideHover(document, position, token) {
        const hover = await request<lsp.Hover | null>('textDocument/hover', { textDocument: textDocumentOf(document), position: fromPosition(position) }, token);
        return hover ? toHover(hover) : undefined;
      },
    }));
  }
  if (capabilities.codeActionProvider) {
    const kinds = typeof capabilities.codeActionProvider === 'object' ? capabilities.codeActionProvider.codeActionKinds : undefined;
    providers.push(languages.registerCodeActionsProvider(selector, {
      provideCodeActions: (document, range, context, token) => each('textDocument/codeAction', {
        textDocument: textDocumentOf(document),
        range: fromRange(range),
        context: { diagnostics: context.diagnostics.map(fromDiagnostic), only: context.only && [context.only.value], triggerKind: context.triggerKind },
      }, token, toCodeAction),
    }, { providedCodeActionKinds: kinds?.map((kind) => vscode.CodeActionKind.Empty.append(kind)) }));
  }
  if (capabilities.documentFormattingProvider) {
    providers.push(languages.registerDocumentFormattingEditProvider(selector, {
      provideDocumentFormattingEdits: (document, options, token) => each('textDocument/formatting', {
        textDocument: textDocumentOf(document), options: { tabSize: options.tabSize, insertSpaces: options.insertSpaces },
      }, token, toTextEdit),
    }));
  }
  if (capabilities.documentLinkProvider) {
    providers.push(languages.registerDocumentLinkProvider(selector, {
      provideDocumentLinks: (document, token) => each('textDocument/documentLink', { textDocument: textDocumentOf(document) }, token, toDocumentLink),
    }));
  }
  if (capabilities.inlayHintProvider) {
    providers.push(languages.registerInlayHintsProvider(selector, {
      provideInlayHints: (document, range, token) =>
        each('textDocument/inlayHint', { textDocument: textDocumentOf(document), range: fromRange(range) }, token, toInlayHint),
    }));
  }
  if (capabilities.codeLensProvider) {
    providers.push(languages.registerCodeLensProvider(selector, {
      provideCodeLenses: (document, token) => each('textDocument/codeLens', { textDocument: textDocumentOf(document) }, token, toCodeLens),
    }));
  }
  if (capabilities.documentSymbolProvider) {
    providers.push(languages.registerDocumentSymbolProvider(selector, {
      // The client announces hierarchical symbols, so the server answers with DocumentSymbol trees.
      provideDocumentSymbols: (document, token) => each('textDocument/documentSymbol', { textDocument: textDocumentOf(document) }, token, toDocumentSymbol),
    }));
  }
  if (capabilities.foldingRangeProvider) {
    providers.push(languages.registerFoldingRangeProvider(selector, {
      provideFoldingRanges: (document, _context, token) => each('textDocument/foldingRange', { textDocument: textDocumentOf(document) }, token, toFoldingRange),
    }));
  }
  if (capabilities.selectionRangeProvider) {
    providers.push(languages.registerSelectionRangeProvider(selector, {
      provideSelectionRanges: (document, positions, token) => each('textDocument/selectionRange', {
        textDocument: textDocumentOf(document), positions: positions.map(fromPosition),
      }, token, toSelectionRange),
    }));
  }
  return providers;
}

/** What this client can do, as told to the server in `initialize`. */
export const CLIENT_CAPABILITIES: lsp.ClientCapabilities = {
  general: { positionEncodings: ['utf-16'] },
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
  },
  textDocument: {
    synchronization: { didSave: false },
    publishDiagnostics: { relatedInformation: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
    completion: {
      contextSupport: true,
      completionItem: {
        snippetSupport: true, insertReplaceSupport: true, labelDetailsSupport: true, commitCharactersSupport: true,
        deprecatedSupport: true, preselectSupport: true, tagSupport: { valueSet: [1] }, documentationFormat: ['markdown', 'plaintext'],
      },
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: {
      isPreferredSupport: true,
      disabledSupport: true,
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.extract', 'refactor.inline', 'refactor.rewrite', 'source', 'source.organizeImports', 'source.fixAll'] } },
    },
    formatting: {},
    documentLink: { tooltipSupport: true },
    inlayHint: {},
    codeLens: {},
    documentSymbol: { hierarchicalDocumentSymbolSupport: true, tagSupport: { valueSet: [1] } },
    foldingRange: { lineFoldingOnly: true },
    selectionRange: {},
  },
};
