/**
 * The language server's command line: `node dist/server.js --stdio` (any LSP editor) or `--node-ipc` (the VS Code
 * extension); anything else prints the usage.
 */
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { SCHEMA_VERSIONS } from '../service/kasm/knowledge';
import { nodeHost } from '../node/serverHost';
import { startServer } from './server';

function printUsage(): void {
  process.stdout.write([
    'kasm-workspace-language-server: a language server for Kasm Workspaces registry entries (workspace.json).',
    '',
    'Usage: node dist/server.js --stdio        speak LSP over standard input/output',
    '       node dist/server.js --node-ipc     (used by the VS Code extension)',
    '',
    `Settings (workspace/configuration section "kasm"): registrySchema = auto | ${SCHEMA_VERSIONS.join(' | ')}; validate.enable = true | false`,
    '',
  ].join('\n'));
}

const transports = ['--stdio', '--node-ipc', '--socket', '--pipe', '--clientProcessId'];
if (!process.argv.some((arg) => transports.some((t) => arg.startsWith(t)))) {
  printUsage();
  process.exitCode = process.argv.includes('--help') ? 0 : 2;
} else {
  // One failed promise must never end the server (#19.4): it is logged, and the editor keeps its language server.
  process.on('unhandledRejection', (reason) => console.error(`kasm: ${reason instanceof Error ? reason.stack : String(reason)}`));
  startServer(createConnection(ProposedFeatures.all), nodeHost);
}
