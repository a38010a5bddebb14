/**
 * JSON-RPC 2.0 with a child process over Node's IPC channel, the transport of the server's `--node-ipc` mode:
 * each message is one `process.send` of the message object, so there is no framing to parse.
 */
import type { ChildProcess } from 'node:child_process';

/** What a cancellable request needs of a token (a vscode.CancellationToken is one). */
export interface CancellationSignal {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

export interface RpcMessage {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

export const RpcErrorCodes = {
  MethodNotFound: -32601,
  InternalError: -32603,
  RequestCancelled: -32800,
  ContentModified: -32801,
} as const;

export class RpcError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

type Handler = (params: unknown) => unknown;

/** Sends (or receives) a notification: a method and its params. */
export type Notify = (method: string, params: unknown) => void;

export class RpcConnection {
  private lastId = 0;
  private readonly pending = new Map<number, { resolve(result: unknown): void; reject(error: Error): void }>();
  private readonly requestHandlers = new Map<string, Handler>();
  private readonly notificationHandlers = new Map<string, Handler>();
  private otherNotifications: Notify | undefined;
  private closedBecause: Error | undefined;

  /** `trace` sees every message, sent or received, before it is handled. */
  constructor(private readonly child: ChildProcess, private readonly trace?: (direction: 'send' | 'receive', message: RpcMessage) => void) {
    child.on('message', (message) => this.receive(message as RpcMessage));
    child.on('exit', (code, signal) => this.close(new Error(`The language server exited (${signal ?? `code ${code}`}).`)));
  }

  sendRequest<R>(method: string, params: unknown, token?: CancellationSignal): Promise<R> {
    if (this.closedBecause) return Promise.reject(this.closedBecause);
    if (token?.isCancellationRequested) return Promise.reject(new RpcError(RpcErrorCodes.RequestCancelled, 'Request cancelled'));
    const id = ++this.lastId;
    return new Promise<R>((resolve, reject) => {
      const cancellation = token?.onCancellationRequested(() => this.sendNotification('$/cancelRequest', { id }));
      this.pending.set(id, {
        resolve: (result) => { cancellation?.dispose(); resolve(result as R); },
        reject: (error) => { cancellation?.dispose(); reject(error); },
      });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  sendNotification(method: string, params: unknown): void {
    if (!this.closedBecause) this.send({ jsonrpc: '2.0', method, params });
  }

  /** Answers the server's requests for `method`; a thrown error is answered as an internal error. */
  onRequest<P>(method: string, handler: (params: P) => unknown): void {
    this.requestHandlers.set(method, handler as Handler);
  }

  onNotification<P>(method: string, handler: (params: P) => void): void {
    this.notificationHandlers.set(method, handler as Handler);
  }

  /** Receives the notifications no `onNotification` handler is set for. */
  onOtherNotification(handler: Notify): void {
    this.otherNotifications = handler;
  }

  /** Fails every request still waiting; nothing is sent after this. */
  close(reason: Error): void {
    if (this.closedBecause) return;
    this.closedBecause = reason;
    for (const { reject } of this.pending.values()) reject(reason);
    this.pending.clear();
  }

  private send(message: RpcMessage): void {
    this.trace?.('send', message);
    // A channel that closed under us fails in the callback; the 'exit' handler reports why.
    this.child.send(message, () => undefined);
  }

  private receive(message: RpcMessage): void {
    this.trace?.('receive', message);
    if (message.method === undefined) {
      const pending = typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
      if (!pending) return;
      this.pending.delete(message.id as number);
      if (message.error) pending.reject(new RpcError(message.error.code, message.error.message));
      else pending.resolve(message.result ?? null);
    } else if (message.id === undefined) {
      const handler = this.notificationHandlers.get(message.method);
      if (handler) handler(message.params);
      else this.otherNotifications?.(message.method, message.params);
    } else {
      void this.answer(message.id, message.method, message.params);
    }
  }

  private async answer(id: number | string | null, method: string, params: unknown): Promise<void> {
    const handler = this.requestHandlers.get(method);
    if (!handler) {
      this.send({ jsonrpc: '2.0', id, error: { code: RpcErrorCodes.MethodNotFound, message: `Unhandled method ${method}` } });
      return;
    }
    try {
      this.send({ jsonrpc: '2.0', id, result: (await handler(params)) ?? null });
    } catch (error) {
      this.send({ jsonrpc: '2.0', id, error: { code: RpcErrorCodes.InternalError, message: (error as Error).message } });
    }
  }
}
