/**
 * The readers a bridge serves (spec §11.6) and the production image (§11.7): a reader holding a
 * card that is not for the bridge (a B-CAS or ACAS slot) is never listed, never in an event,
 * NO_READER when named, and its card never receives an APDU; on the image the box ships, the
 * bridge names its readers and none of them is a virtual reader driver.
 */
import { stableReaderName } from '../../protocol/names';
import type { Info, Status } from '../../protocol';
import { check, fail, show, skip, type CaseContext, type ConformanceCase } from '../case';
import type { KitClient } from '../client';
import { Code, authPins, digestOf, errorOf, resultOf } from '../expect';

/**
 * Reader names of virtual reader drivers the kit knows, with the driver. A vendor can rename a
 * driver (reader.conf's FRIENDLYNAME), so this catches the defaults; the spec's lab check looks
 * at the image itself.
 */
const VIRTUAL_READER_NAMES: readonly { pattern: RegExp; driver: string }[] = [
  { pattern: /^Virtual PCD\b/, driver: "vsmartcard's vpcd (a network peer plays the card)" },
  { pattern: /\bvirtual\b/i, driver: 'a reader that calls itself virtual' },
];

/** The driver a reader name betrays, if any. */
function virtualDriverOf(readerName: string): string | undefined {
  return VIRTUAL_READER_NAMES.find(({ pattern }) => pattern.test(readerName))?.driver;
}

async function capabilities(client: KitClient): Promise<readonly string[]> {
  const info = resultOf<Info>(await client.call('getInfo'), 'getInfo');
  return Array.isArray(info.capabilities) ? info.capabilities : [];
}

/** Fails when a status names the foreign reader (by its name or its stable name). */
function checkNotListed(status: Status, foreign: string, when: string): void {
  const stable = stableReaderName(foreign);
  const listed = (status.readers ?? []).filter(
    (r) => r.name === foreign || stableReaderName(String(r.name)) === stable,
  );
  check(
    listed.length === 0,
    `${when}: the bridge lists "${listed[0]?.name}", a reader it must not serve (BR-SEC-51): ${show(status)}`,
  );
}

/** Every card operation, naming the foreign reader. */
function namingReader(ctx: CaseContext, reader: string): [string, Record<string, unknown>][] {
  // Right PINs only: a bridge that wrongly took another card for the reader spends no try.
  const { right } = authPins(ctx);
  const signPin = ctx.options.signPin;
  return [
    ['readCertificate', { slot: 'auth', reader }],
    ['getPinStatus', { pin: 'auth', reader }],
    ['sign', { key: 'auth', pin: right, hash: 'SHA-256', digest: digestOf('conformance'), reader }],
    ...(signPin === undefined
      ? []
      : ([['readSignCertificate', { pin: signPin, reader }]] as [string, Record<string, unknown>][])),
  ];
}

export const readerCases: ConformanceCase[] = [
  {
    id: 'CK-62',
    title:
      'a reader off the allow-list (a B-CAS slot): never listed, never in events, NO_READER when named; its card gets no APDU through a sign',
    area: 'security',
    card: 'normal',
    needs: { authPin: true },
    optionalIn: true,
    async run(ctx) {
      const client = await ctx.connect({ label: 'app' });
      if (!(await capabilities(client)).includes('readerAllowList')) {
        skip(
          'the bridge does not say it serves only configured readers (getInfo capability readerAllowList); ' +
            'CK-63 requires it on a production image',
        );
      }
      const foreign = ctx.options.foreign;
      if (!foreign) {
        skip(
          'needs a reader with a card not for the bridge: --foreign-reader NAME, or --foreign-vpcd with --virtual-card',
        );
      }
      const id = 'conformance.readers';
      resultOf(await client.call('register', { event: 'statusChanged', id }), 'register');
      checkNotListed(await ctx.stage.status(), foreign.reader, 'getStatus');

      for (const [method, params] of namingReader(ctx, foreign.reader)) {
        errorOf(await client.call(method, params), Code.NO_READER, `${method} naming "${foreign.reader}"`);
      }
      // A whole login on the reader the bridge serves.
      resultOf(
        await client.call('readCertificate', { slot: 'auth', ...ctx.readerParam() }),
        'readCertificate',
      );
      const sign = { key: 'auth', pin: authPins(ctx).right, hash: 'SHA-256', digest: digestOf('login') };
      resultOf(await client.call('sign', { ...sign, ...ctx.readerParam() }), 'sign');

      // News in both slots: the foreign card out and in again, the My Number card out and in.
      await foreign.reinsert?.();
      if (ctx.stage.canProvide('normal') && ctx.mode !== 'none') {
        await ctx.stage.remove();
        await ctx.stage.insert('normal');
      }
      checkNotListed(await ctx.stage.status(), foreign.reader, 'getStatus after the changes');
      for (const event of client.notifications()) {
        if (event.method === `${id}.statusChanged`)
          checkNotListed(event.params as Status, foreign.reader, 'a statusChanged event');
      }
      if (foreign.apduCount) {
        const received = foreign.apduCount();
        check(
          received === 0,
          `the card in "${foreign.reader}" received ${received} APDU(s): the bridge connected to a reader it must not serve (BR-SEC-51)`,
        );
        ctx.note(`the card in "${foreign.reader}" received no APDU`);
      }
    },
  },
  {
    id: 'CK-63',
    title:
      'production image (--production-image): readers named in the configuration (readerAllowList), none a virtual reader driver',
    area: 'security',
    optionalIn: true,
    async run(ctx) {
      if (!ctx.options.productionImage) {
        skip('only with --production-image, on the image the box ships (no virtual card mode)');
      }
      const client = await ctx.connect();
      const named = (await capabilities(client)).includes('readerAllowList');
      check(
        named,
        'getInfo does not list the capability readerAllowList: a box names the reader(s) the bridge serves (BR-SEC-50)',
      );
      const status = resultOf<Status>(await client.call('getStatus'), 'getStatus');
      const virtual = (status.readers ?? [])
        .map((r) => [String(r.name), virtualDriverOf(String(r.name))] as const)
        .filter(([, driver]) => driver !== undefined);
      if (virtual.length > 0) {
        fail(
          `the bridge lists ${virtual.map(([name, driver]) => `"${name}" (${driver})`).join(', ')}: ` +
            'a production image has no virtual reader driver (BR-SEC-60)',
        );
      }
      ctx.note(`readers: ${(status.readers ?? []).map((r) => r.name).join(', ') || 'none'}`);
    },
  },
];
