/**
 * BR-CARD-14 on real PC/SC: after the bridge signed, the card is given back reset, so another
 * process that reaches it finds no verified PIN and cannot sign without one.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { VirtualJpkiCard } from '../../../mocks/virtual-card/jpki-applet';
import { createCardState } from '../../../mocks/virtual-card/state';
import { VpcdCard } from '../../../mocks/virtual-card/vpcd-client';
import { AUTH_PIN, SIGN_PASSWORD, issueTestCredentials } from '../../../mocks/virtual-card/driver-fixtures';
import { PcscReaderMonitor } from '../transport/pcsc-readers';
import { CardService } from './card-service';

const run = promisify(execFile);
const READER = 'Virtual PCD 00 00';

let monitor: PcscReaderMonitor;
let vpcd: VpcdCard;

beforeAll(async () => {
  const credentials = await issueTestCredentials();
  const card = new VirtualJpkiCard({
    state: createCardState(credentials, { auth: AUTH_PIN, sign: SIGN_PASSWORD }),
  });
  monitor = await PcscReaderMonitor.start();
  vpcd = new VpcdCard(card, { port: 35963 });
  await vpcd.connect();
  for (let i = 0; i < 100 && monitor.readers().find((r) => r.name === READER)?.presence !== 'present'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});

afterAll(async () => {
  await vpcd?.disconnect();
  monitor?.close();
});

/**
 * Another process uses what the bridge left: SELECT the auth key and COMPUTE DIGITAL SIGNATURE, with
 * no VERIFY and no SELECT of the AP (which would clear a verified PIN by itself).
 */
const signWithoutPin = `
  const p = require('pcsclite')();
  p.on('reader', (r) => {
    if (r.name !== ${JSON.stringify(READER)}) return;
    r.connect({ share_mode: r.SCARD_SHARE_SHARED }, (error, protocol) => {
      if (error) { console.log('connect: ' + error.message); process.exit(0); }
      const apdus = ['00A4020C020017',
        '802A008033' + '3031300d060960864801650304020105000420' + '00'.repeat(32) + '00'];
      const sws = [];
      const next = () => {
        const apdu = apdus.shift();
        if (!apdu) { console.log(sws.join(' ')); process.exit(0); }
        r.transmit(Buffer.from(apdu, 'hex'), 258, protocol, (e, data) => {
          if (e) { console.log('transmit: ' + e.message); process.exit(0); }
          sws.push(data.subarray(data.length - 2).toString('hex').toUpperCase());
          next();
        });
      };
      next();
    });
  });`;

it('after a signature through the bridge, another process cannot sign without the PIN', async () => {
  const cards = new CardService(monitor);
  await cards.settled();
  const digest = createHash('sha256').update('login').digest();
  await expect(cards.sign('auth', AUTH_PIN, digest, {}, { reader: READER })).resolves.toHaveLength(256);
  // The next card call waits for the reset, so a status query here means the reset is done.
  await expect(cards.pinStatus('auth', { reader: READER })).resolves.toMatchObject({ triesLeft: 3 });
  await cards.sign('auth', AUTH_PIN, digest, {}, { reader: READER });
  await cards.pinStatus('auth', { reader: READER }); // waits for the reset after the second signature
  const transport = monitor.transport(READER);
  await transport.release(false); // a status query re-connected; let the other process in
  const { stdout } = await run(process.execPath, ['-e', signWithoutPin], { timeout: 15_000 });
  const [, signSw] = stdout.trim().split(' ');
  expect(signSw).toMatch(/^69/); // refused (the card was reset: no AP, no key, no verified PIN)
});
