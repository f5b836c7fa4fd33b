import type { Client as SocketClient } from 'graphql-ws';
import { createContext, useContext } from 'react';
import type { ConnectionState } from './client';

export const LiveContext = createContext<{ socket: SocketClient; connection: ConnectionState } | null>(null);

export function useLive() {
  const live = useContext(LiveContext);
  if (!live) throw new Error('useLive outside the signed-in app');
  return live;
}

/** The signed-in person's role: the page offers only what they may do (the API decides). */
export const RoleContext = createContext<string | null>(null);

export function useRole(): string | null {
  return useContext(RoleContext);
}

export function useCanRespond(): boolean {
  const role = useContext(RoleContext);
  return role === 'RESPONDER' || role === 'ADMIN';
}
