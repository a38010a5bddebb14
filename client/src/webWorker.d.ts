/**
 * The DOM's Worker, as far as the web client starts one: the project compiles without the DOM library (the server
 * and the desktop client must not use it), so only this is declared for VS Code for the Web.
 */
declare class Worker extends EventTarget {
  constructor(url: string | URL);
  postMessage(message: unknown): void;
  terminate(): void;
}
