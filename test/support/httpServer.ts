import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>;

export interface LocalServer {
  readonly url: string;
  readonly server: Server;
  /** Requests received so far, in order. */
  readonly requests: { method: string; url: string; body: string }[];
  close(): Promise<void>;
}

/**
 * Starts a real HTTP server on 127.0.0.1 with a free port. Tests use it to replay recorded real responses and to
 * cause real faults (429, 500, a cut connection, a hung request).
 */
export async function startServer(handler: Handler): Promise<LocalServer> {
  const requests: { method: string; url: string; body: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', body });
      Promise.resolve(handler(req, res, body)).catch((e: unknown) => {
        res.statusCode = 599;
        res.end(String(e));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends headers and part of a body, then destroys the socket: a connection cut mid-body. */
export function cutMidBody(res: ServerResponse, partial: string, declaredLength = partial.length * 2): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(declaredLength) });
  res.write(partial);
  setTimeout(() => res.socket?.destroy(), 10);
}
