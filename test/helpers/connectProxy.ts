/** An HTTP proxy on 127.0.0.1 that tunnels CONNECT requests (as undici's proxy agents send them) and notes where to. */
import * as net from 'node:net';

export interface ConnectProxy {
  url: string;
  /** `host:port` of each tunnel opened so far. */
  tunnels: string[];
  close(): void;
}

export async function startConnectProxy(): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const server = net.createServer((client) => {
    client.once('data', (head) => {
      const target = /^CONNECT (\S+) HTTP/.exec(head.toString())?.[1];
      if (!target) return void client.end('HTTP/1.1 405 Method Not Allowed\r\n\r\n');
      tunnels.push(target);
      const [host, port] = target.split(':');
      const upstream = net.connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client).pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`, tunnels, close: () => server.close() };
}
