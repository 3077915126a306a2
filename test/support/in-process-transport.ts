import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { PassThrough, Readable } from 'node:stream';

/**
 * An SDK request handler that hands each DynamoDB request straight to dynalite's request listener, in
 * process: the same SDK client, serialisation and signing, the same dynalite, no socket or HTTP parsing
 * between them. Local only; in AWS the SDK's own HTTP handler is used.
 */
type Listener = (req: IncomingMessage, res: ServerResponse) => void;

interface SdkHttpRequest {
  method: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

function bodyBytes(body: string | Uint8Array | undefined): Buffer | undefined {
  if (body === undefined) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  // A view on the same bytes: the SDK's body object warns if treated as a string.
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

export class InProcessTransport {
  readonly metadata = { handlerProtocol: 'http/1.1' };
  private readonly listener: Listener;

  constructor(server: Server) {
    const listener = server.listeners('request')[0] as Listener | undefined;
    if (!listener) throw new Error('dynalite server has no request listener');
    this.listener = listener;
  }

  handle(
    request: SdkHttpRequest,
  ): Promise<{ response: { statusCode: number; headers: Record<string, string>; body: Readable } }> {
    return new Promise((resolve, reject) => {
      const req = new PassThrough() as unknown as IncomingMessage & PassThrough;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(request.headers)) headers[k.toLowerCase()] = v;
      Object.assign(req, { headers, method: request.method, url: request.path });
      const responseHeaders: Record<string, string> = {};
      const res = {
        statusCode: 200,
        contentType: undefined as string | undefined,
        setHeader(name: string, value: unknown) {
          responseHeaders[name.toLowerCase()] = String(value);
        },
        end(body?: string | Buffer) {
          const chunk = body === undefined ? Buffer.alloc(0) : Buffer.from(body);
          resolve({
            response: { statusCode: this.statusCode, headers: responseHeaders, body: Readable.from([chunk]) },
          });
        },
      };
      try {
        this.listener(req, res as unknown as ServerResponse);
        req.end(bodyBytes(request.body));
      } catch (err) {
        reject(err);
      }
    });
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {}
}
