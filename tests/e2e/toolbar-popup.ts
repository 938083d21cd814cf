/// <reference types="chrome" />
// The popup as the toolbar button opens it: chrome.action.openPopup() from the worker, for the active tab. Playwright
// lists no popups among its pages; they are DevTools targets of the browser, reached here through the Target domain
// of one DevTools session (the page it was opened on only carries it).
import type { CDPSession, Page } from 'playwright-core';
import type { Harness } from './harness';

export interface ToolbarPopup {
  /** The popup's address (the worker gives a tab it badged `?tab=ID`). */
  url: string;
  /** Evaluates `expression` in the popup (awaiting a promise) and returns its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/** A DevTools protocol reply as the popup's target sends it. */
interface Reply {
  result?: { result?: { value?: unknown } };
  error?: unknown;
}

const POPUP_PAGE = /\/(src\/popup\/index\.html|bare\.html)(\?|$)/;

export interface Toolbar {
  /** Opens the popup for `page`'s tab (brought to the front first) and returns once the browser made its page. */
  open(page: Page): Promise<ToolbarPopup>;
}

export function toolbar(h: Harness): Toolbar {
  let session: Promise<CDPSession> | undefined;
  let nextId = 1;
  const pending = new Map<number, (message: Reply) => void>();
  const cdp = () =>
    (session ??= (async () => {
      const carrier = h.context.pages()[0] ?? (await h.context.newPage());
      const s = await h.context.newCDPSession(carrier);
      s.on('Target.receivedMessageFromTarget', (event: { message: string }) => {
        const message = JSON.parse(event.message) as Reply & { id?: number };
        if (message.id !== undefined) pending.get(message.id)?.(message);
        if (message.id !== undefined) pending.delete(message.id);
      });
      return s;
    })());
  const popups = async () =>
    ((await (await cdp()).send('Target.getTargets')) as unknown as { targetInfos: TargetInfo[] }).targetInfos.filter(
      (t) => t.type === 'page' && POPUP_PAGE.test(t.url) && !t.url.includes('?url='),
    );
  const until = async <T>(read: () => Promise<T | undefined>, what: string): Promise<T> => {
    for (const started = Date.now(); Date.now() - started < 5000; await new Promise((r) => setTimeout(r, 3))) {
      const value = await read();
      if (value !== undefined) return value;
    }
    throw new Error(`toolbar popup: ${what} within 5 s`);
  };

  return {
    async open(page) {
      const s = await cdp();
      await page.bringToFront();
      const before = new Set((await popups()).map((t) => t.targetId));
      await h.worker.evaluate(() => chrome.action.openPopup());
      const target = await until(async () => (await popups()).find((t) => !before.has(t.targetId)), 'no popup opened');
      const { sessionId } = (await s.send('Target.attachToTarget', {
        targetId: target.targetId,
        flatten: false,
      })) as unknown as { sessionId: string };
      return {
        url: target.url,
        async evaluate<T>(expression: string) {
          const id = nextId++;
          const answer = new Promise<Reply>((r) => pending.set(id, r));
          await s.send('Target.sendMessageToTarget', {
            sessionId,
            message: JSON.stringify({
              id,
              method: 'Runtime.evaluate',
              params: { expression, awaitPromise: true, returnByValue: true },
            }),
          } as never);
          const message = await answer;
          if (message.error) throw new Error(`toolbar popup: ${JSON.stringify(message.error)}`);
          return message.result?.result?.value as T;
        },
        async close() {
          await s.send('Target.closeTarget', { targetId: target.targetId });
          await until(
            async () => ((await popups()).some((t) => t.targetId === target.targetId) ? undefined : true),
            'the popup did not close',
          );
        },
      };
    },
  };
}
