import { browser } from './page-browser';
import type { MessageType, Reply, Request, Response } from './messages';

/** Sends one message to the service worker and returns its answer, or throws its error message. */
export async function send<K extends MessageType>(type: K, payload: Request<K>): Promise<Response<K>> {
  const reply = (await browser.runtime.sendMessage({ type, payload })) as Reply<Response<K>> | undefined;
  if (!reply) throw new Error(`no answer to ${type}`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}
