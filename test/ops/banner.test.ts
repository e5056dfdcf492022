/**
 * The banner's ready line, in both forms the gateway writes it (text on a terminal, a JSON log line
 * otherwise), read back by `readyLineOf` as the supervisors do (`npm run portal`, `npm run bench:scale`).
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { bannerText, printBanner, readyLineOf, type BannerInfo } from '../../src/banner.js';

const INFO: BannerInfo = { url: 'http://127.0.0.1:4567/graphql', readyMs: 1234, graphiql: true, dashboardUrl: 'http://127.0.0.1:9999', demo: { orgs: [{ name: 'Acme', credential: 'demo' }], developers: 250 } };

function jsonLines(level: string): string[] {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(...String(chunk).split('\n').filter(Boolean)), done()) });
  printBanner(INFO, pino({ level }, sink), { isTTY: false, write: () => true });
  return lines;
}

describe('the ready line', () => {
  it('is read back from the text a terminal gets', () => {
    const text = bannerText(INFO);
    expect(readyLineOf(text[0]!)).toEqual({ url: INFO.url, readyMs: INFO.readyMs });
    expect(text.slice(1).map(readyLineOf)).toEqual(text.slice(1).map(() => undefined));
  });

  it('is read back from the JSON log lines written off a terminal, whatever the level but silent', () => {
    for (const level of ['info', 'error']) {
      const found = jsonLines(level).map(readyLineOf).filter((r) => r !== undefined);
      expect(found).toEqual([{ url: INFO.url, readyMs: INFO.readyMs }]);
    }
    expect(jsonLines('silent')).toEqual([]);
  });

  it('is not found in other lines', () => {
    for (const line of ['', '{"msg":"portal-graph ready"}', '{not json', '{"msg":"request","url":"http://x/graphql","readyMs":1}', 'portal: building…']) expect(readyLineOf(line)).toBeUndefined();
  });
});
