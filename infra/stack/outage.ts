// A TCP pass-through that can be cut: put it between the Worker and one of the stack's services (the Upstash
// bridge, say) to play an outage. Cut, it resets every open connection and every new one, as a dead host does.
import { connect, createServer, type Socket } from 'node:net';

export interface OutageSwitch {
  /** `http://127.0.0.1:PORT`: give this to the client instead of the service's own URL. */
  url: string;
  /** Where connections go while the switch is on; until it is set, connections are reset. */
  target: URL | undefined;
  /** The service is down from now on: open connections are reset, new ones too. */
  cut(): void;
  /** The service is back. */
  restore(): void;
  readonly isCut: boolean;
  /** A slow link: each new connection waits this long before it is put through (0, the default, none). */
  delayMs: number;
  close(): Promise<void>;
}

export async function startOutageSwitch(target?: string): Promise<OutageSwitch> {
  const open = new Set<Socket>();
  let down = false;
  const sw = {
    url: '',
    target: target ? new URL(target) : undefined,
    cut() {
      down = true;
      for (const socket of open) socket.resetAndDestroy();
      open.clear();
    },
    restore() {
      down = false;
    },
    get isCut() {
      return down;
    },
    delayMs: 0,
    close: async () => {},
  } satisfies OutageSwitch;

  const server = createServer({ pauseOnConnect: true }, (client) => {
    if (sw.delayMs > 0) setTimeout(() => through(client), sw.delayMs);
    else through(client);
  });
  const through = (client: Socket) => {
    const to = sw.target;
    if (down || !to) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect({ host: to.hostname, port: Number(to.port) });
    open.add(client);
    open.add(upstream);
    const drop = () => {
      open.delete(client);
      open.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
    client.resume();
  };
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('outage switch: no port');
  sw.url = `http://127.0.0.1:${address.port}`;
  sw.close = () =>
    new Promise<void>((done) => {
      for (const socket of open) socket.destroy();
      server.close(() => done());
    });
  return sw;
}
