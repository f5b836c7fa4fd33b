import { createClient as createSocket, type Client as SocketClient } from 'graphql-ws';
import { cacheExchange, Client, fetchExchange, subscriptionExchange } from 'urql';
import { csrfHeader } from './session';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

// One websocket per tab, opened by the session cookie (same origin) with
// the session's CSRF token in connection_init. graphql-ws reconnects with
// backoff; listeners hear whether the socket is up.
export function createSocketClient(csrfToken: string, onState: (s: ConnectionState) => void): SocketClient {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = createSocket({
    url: `${scheme}://${location.host}/graphql`,
    connectionParams: { csrfToken },
    retryAttempts: Infinity,
    shouldRetry: () => true,
    // 4401: the session ended (signed out elsewhere, deactivated, role changed).
    lazy: false,
    keepAlive: 15_000,
  });
  socket.on('connected', () => onState('live'));
  socket.on('closed', (event) => {
    if ((event as CloseEvent | undefined)?.code === 4401) {
      location.assign(`/signin?next=${encodeURIComponent(location.pathname)}`);
      return;
    }
    onState('reconnecting');
  });
  return socket;
}

// urql over HTTP for queries and mutations (the cookie authenticates them,
// the CSRF header proves they come from this page) and over the socket for
// subscriptions.
export function createApiClient(csrfToken: string, socket: SocketClient): Client {
  return new Client({
    url: '/graphql',
    fetchOptions: () => ({ credentials: 'same-origin', headers: { [csrfHeader]: csrfToken } }),
    preferGetMethod: false,
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: socket.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
  });
}
