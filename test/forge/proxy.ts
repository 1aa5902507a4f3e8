/**
 * A loopback forward proxy for the proxy tests: `CONNECT host:port` tunnels (HTTPS, and what undici uses for every
 * proxied request) and absolute-form HTTP (`GET http://host/path`, what git/libcurl sends for plain HTTP), with
 * optional `Proxy-Authorization: Basic` (407 otherwise). It only forwards to loopback addresses.
 */
import http, { type IncomingMessage } from 'node:http';
import net, { type AddressInfo, type Socket } from 'node:net';

export interface ProxyOptions {
  /** Require these credentials (Basic) from clients. */
  username?: string;
  password?: string;
}

export interface TestProxy {
  /** `http://127.0.0.1:<port>` (no credentials). */
  url: string;
  /** `http://user:password@127.0.0.1:<port>` when credentials are required, else `url`. */
  urlWithCredentials: string;
  /** What the proxy forwarded, in order: `CONNECT 127.0.0.1:1234` or `GET http://127.0.0.1:1234/path?query`. */
  requests: string[];
  /** Requests refused for missing or wrong credentials (407). */
  refused: string[];
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export async function startProxy(options: ProxyOptions = {}): Promise<TestProxy> {
  const requests: string[] = [];
  const refused: string[] = [];
  const sockets = new Set<Socket>();
  const expected =
    options.username !== undefined
      ? `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64')}`
      : undefined;
  const authorized = (req: IncomingMessage): boolean => !expected || req.headers['proxy-authorization'] === expected;

  const server = http.createServer((req, res) => {
    const line = `${req.method} ${req.url}`;
    if (!authorized(req)) {
      refused.push(line);
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test proxy"', 'content-type': 'text/plain' });
      res.end('Proxy Authentication Required\n');
      return;
    }
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('absolute-form request URL expected\n');
      return;
    }
    if (target.protocol !== 'http:' || !LOOPBACK.has(target.hostname)) {
      res.writeHead(403).end('this test proxy only forwards to loopback\n');
      return;
    }
    requests.push(line);
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = http.request(target, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('bad gateway\n');
    });
    req.pipe(upstream);
  });

  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const line = `CONNECT ${req.url}`;
    if (!authorized(req)) {
      refused.push(line);
      client.end(
        // `Connection: close` tells clients that probe without credentials first (libcurl's anyauth) to reconnect.
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test proxy"\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
      );
      return;
    }
    const match = /^(.+):(\d+)$/.exec(req.url ?? '');
    if (!match || !LOOPBACK.has(match[1])) {
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    requests.push(line);
    const upstream = net.connect(Number(match[2]), match[1].replace(/^\[|\]$/g, ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });

  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const urlWithCredentials =
    options.username !== undefined
      ? `http://${encodeURIComponent(options.username)}:${encodeURIComponent(options.password ?? '')}@127.0.0.1:${port}`
      : url;
  return {
    url,
    urlWithCredentials,
    requests,
    refused,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
