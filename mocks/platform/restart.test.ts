/**
 * The platform's data survives a restart: with `--data DIR` every notice, read receipt, booking,
 * link and address-change request written over HTTP is there again after a clean stop — and after
 * a `kill -9` of a platform child process in the middle of traffic, for everything it had answered.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_HOLDERS, loadOrCreateTestPki, saveTestPki, type CardCredentials } from '../pki';
import { PlatformClient } from '../../src/platform/client';
import type { AddressChange, BookingRequest } from '../../src/platform/types';
import { parsePlatformArgs, startPlatform, type RunningPlatform } from './cli';
import { addDays, jstDateOf, weekdayOf } from './simulator/jst';
import { driverCard } from './test-support';

const ROOT = path.resolve(__dirname, '../..');
const CITY_TOKEN = 'restart-test-city-credential-0123456789';
let dir: string;
let pkiDir: string;
let sendersFile: string;
let yamada: CardCredentials;
let sato: CardCredentials;
const running: RunningPlatform[] = [];

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'platform-restart-'));
  pkiDir = path.join(dir, 'pki');
  const pki = await loadOrCreateTestPki(pkiDir);
  [yamada, sato] = await Promise.all([pki.issueCard(DEMO_HOLDERS[0]!), pki.issueCard(DEMO_HOLDERS[1]!)]);
  await saveTestPki(pki, pkiDir);
  sendersFile = path.join(dir, 'senders.json');
  const city = { id: 'city', name: '窓口町役場', nameEn: 'Madoguchi Town Office', token: CITY_TOKEN };
  await fs.writeFile(sendersFile, JSON.stringify([city]));
});

afterAll(async () => {
  await Promise.all(running.map((server) => server.close()));
  await fs.rm(dir, { recursive: true, force: true });
});

const argsFor = (dataDir: string): string[] => [
  '--port',
  '0',
  '--pki',
  pkiDir,
  '--data',
  dataDir,
  '--senders',
  sendersFile,
  '--crl-refresh-seconds',
  '0',
  '--no-rate-limits',
];

async function start(dataDir: string): Promise<RunningPlatform> {
  const server = await startPlatform(parsePlatformArgs(argsFor(dataDir)));
  running.push(server);
  return server;
}

async function stop(server: RunningPlatform): Promise<void> {
  running.splice(running.indexOf(server), 1);
  await server.close();
}

async function postNotice(url: string, key: string, receiptRequested = true): Promise<Response> {
  return fetch(`${url}/v1/sender/notices`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${CITY_TOKEN}`,
      'Idempotency-Key': key,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({
      customerNumber: '10010001',
      title: `がん検診のご案内（${key}）`,
      body: '胃がん・大腸がん検診の受診券をお送りします。',
      receiptRequested,
    }),
  });
}

async function receiptOf(url: string, noticeId: string): Promise<unknown> {
  const response = await fetch(`${url}/v1/sender/notices/${noticeId}/receipt`, {
    headers: { Authorization: `Bearer ${CITY_TOKEN}` },
  });
  return { status: response.status, body: await response.json() };
}

function washitsu(days: number): BookingRequest {
  let date = addDays(jstDateOf(new Date()), days);
  while (weekdayOf(date) === 1) date = addDays(date, 1); // the 公民館 is closed on Mondays
  return { facilityId: 'kominkan', roomId: 'kominkan-washitsu', date, slot: 'afternoon' };
}

/** Polls until every service has answered (the server delivers every second). */
async function settled(client: PlatformClient, id: string): Promise<AddressChange> {
  for (;;) {
    const request = await client.addressChanges.get(id);
    if (request.status !== 'inProgress') return request;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('keeps every notice, receipt, booking, link, address change and preference across a restart with --data', async () => {
  const dataDir = path.join(dir, 'clean-restart');
  const first = await start(dataDir);
  const viewer = new PlatformClient({ baseUrl: first.url });
  await viewer.registration.register(driverCard(yamada), '10010001');

  const posted = (await (await postNotice(first.url, 'clean-restart-1')).json()) as { id: string };
  await viewer.notices.markRead(posted.id);
  const seeded = (await viewer.notices.list()).notices.filter(
    (n) => n.sender.id !== 'city' || n.id !== posted.id,
  );
  await viewer.notices.keep(seeded[0]!.id, true);
  await viewer.notices.delete(seeded[1]!.id);
  const booking = await viewer.bookings.create(washitsu(10));
  const cancelled = await viewer.bookings.create(washitsu(12));
  await viewer.bookings.cancel(cancelled.id);
  const change = await viewer.addressChanges.create(driverCard(yamada), {
    newAddress: '東京都千代田区窓口町四丁目8番1号',
    services: ['facility-booking', 'bank'],
  });
  const answered = await settled(viewer, change.id);
  await viewer.profile.savePreferences({ textSize: 'largest' });

  const before = {
    preferences: (await viewer.profile.get()).preferences,
    notices: await viewer.notices.list(),
    posted: await viewer.notices.get(posted.id),
    receipt: await receiptOf(first.url, posted.id),
    bookings: await viewer.bookings.list(),
    addressChanges: await viewer.addressChanges.list(),
    services: await viewer.addressChanges.services(),
  };
  expect(before.notices.notices.some((n) => n.title === '住所変更の届け出に要対応があります')).toBe(true);
  expect(before.bookings.bookings.map((b) => [b.id, b.status])).toEqual([
    [booking.id, 'confirmed'],
    [cancelled.id, 'cancelled'],
  ]);
  await stop(first);

  const second = await start(dataDir);
  const again = new PlatformClient({ baseUrl: second.url });
  // The link is kept: the card logs in without registering again.
  await again.auth.login(driverCard(yamada));
  expect({
    preferences: (await again.profile.get()).preferences,
    notices: await again.notices.list(),
    posted: await again.notices.get(posted.id),
    receipt: await receiptOf(second.url, posted.id),
    bookings: await again.bookings.list(),
    addressChanges: await again.addressChanges.list(),
    services: await again.addressChanges.services(),
  }).toEqual(before);
  expect(before.addressChanges.addressChanges[0]).toEqual(answered);
  expect(before.preferences).toEqual({ textSize: 'largest' });
  expect(before.receipt).toMatchObject({ status: 200, body: { readAt: before.posted.readAt } });
  // The slot booked before the restart is still taken.
  await expect(again.bookings.create(washitsu(10))).rejects.toMatchObject({ code: 'SLOT_TAKEN' });
  await stop(second);
}, 60_000);

function spawnPlatform(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  // One process (no tsx wrapper in between), so SIGKILL hits the platform itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'mocks/platform/cli.ts', ...argsFor(dataDir)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve({ child, url });
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) =>
      reject(new Error(`the platform exited (${code}) before listening:\n${output}`)),
    );
  });
}

it('loses nothing it had answered when killed with SIGKILL in the middle of traffic', async () => {
  const dataDir = path.join(dir, 'killed');
  const { child, url } = await spawnPlatform(dataDir);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const viewer = new PlatformClient({ baseUrl: url, retry: { maxAttempts: 1 } });
  await viewer.registration.register(driverCard(sato), '10010002');
  const booking = await viewer.bookings.create(washitsu(14));

  // Notices stream in; the platform is killed once some have been answered, others still on the way.
  const answered: string[] = [];
  const traffic = Array.from({ length: 60 }, async (_, index) => {
    await new Promise((resolve) => setTimeout(resolve, index * 5));
    try {
      const response = await postNotice(url, `killed-${index}`, index % 2 === 0);
      if (response.status === 201) answered.push(((await response.json()) as { id: string }).id);
    } catch {
      // Sent after the kill, or cut off by it: never answered, so nothing is promised.
    }
  });
  while (answered.length < 10) await new Promise((resolve) => setTimeout(resolve, 5));
  child.kill('SIGKILL');
  await Promise.all(traffic);
  await exited;
  child.stdout!.destroy();
  child.stderr!.destroy();
  await expect(fetch(`${url}/v1/notices`)).rejects.toThrow(); // gone, not merely busy
  expect(answered.length).toBeGreaterThanOrEqual(10);

  const restarted = await start(dataDir);
  for (const id of answered) {
    expect([id, await receiptOf(restarted.url, id)]).toEqual([id, expect.objectContaining({ status: 200 })]);
  }
  const again = new PlatformClient({ baseUrl: restarted.url });
  await again.auth.login(driverCard(sato));
  expect((await again.bookings.list()).bookings.map((b) => b.id)).toEqual([booking.id]);
  await stop(restarted);
}, 60_000);
