/**
 * A client that stops reading (BR-TRN-11): the kit stops reading one connection at the socket and
 * makes the bridge answer getInfo with the longest id the schema allows, well inside the rate and
 * pending-call limits the bridge reports (so BR-TRN-9 never applies), while a second connection
 * keeps calling. The kit cannot see the answers it does not read, so after each small batch it waits
 * for one answer on the reading connection: a bridge slowed by a busy box has then taken the batch
 * in, and never finds more calls pending, or more in a second, than the kit meant to send. The kernel's socket buffers take the first MiBs; what goes beyond them is the
 * bridge's own queue, which must not pass `limits.maxUnreadBytes`.
 *
 * What the bridge itself holds = answers the kit made it send − what the kernel holds of the
 * connection (socket-queues.ts: both sockets' queues in /proc/net/tcp on the same host, or the most
 * the kernel lets a socket hold where one is not visible) − what the kit's own socket library read
 * before it stopped. The kit stops sending once that is over the limit even counted at its lowest,
 * reads again, and expects every answer in order, then the close with 1008, and no close before the
 * bridge held at least its limit (counted at its highest).
 */
import { SendWindow, type Info } from '../../protocol';
import { check, fail, show, skip, type ConformanceCase } from '../case';
import type { KitClient } from '../client';
import { resultOf } from '../expect';
import { kernelHeld, type KernelHeld } from '../socket-queues';

/** The longest id a request may carry (BR-RPC-1): the bridge echoes it in every answer. */
const ID_LENGTH = 128;
const TICK_MS = 25;
/** Share of the bridge's message rate used: room for a bridge that takes frames in bursts. */
const RATE_SHARE = 0.75;
/** What the kit's socket library may have read before it stopped reading (Node: a chunk and a buffer). */
const READ_AHEAD = 256 * 1024;
/** Nothing gets near: a bridge that holds this much has no bound at all. */
const ABSOLUTE_STOP = 256 * 1024 * 1024;

/** The nth id, 128 characters; letters only, so no id can look like a PIN in a bridge's log. */
export function unreadId(n: number): string {
  let tail = '';
  for (let rest = n, i = 0; i < 7; i++, rest = Math.floor(rest / 26))
    tail = String.fromCharCode(97 + (rest % 26)) + tail;
  return `unread-${'u'.repeat(ID_LENGTH - 7 - tail.length)}${tail}`;
}

/** A text frame's bytes on the wire from a server (no mask): payload and header. */
function frameBytes(payload: number): number {
  return payload + (payload <= 125 ? 2 : payload <= 0xffff ? 4 : 10);
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A second connection that must keep getting answers: returns the first failure, if any. */
function keepCalling(client: KitClient, stop: () => boolean, timeoutMs: number): Promise<string | undefined> {
  return (async () => {
    while (!stop()) {
      const reply = await client.call('getStatus', undefined).catch((error: Error) => error);
      if (reply instanceof Error) return `the reading connection stalled: ${reply.message} (BR-TRN-11)`;
      if (reply.kind !== 'result') return `getStatus on the reading connection: ${show(reply.raw)}`;
      await wait(Math.min(500, timeoutMs));
    }
    return undefined;
  })();
}

export const unreadOutputCases: ConformanceCase[] = [
  {
    id: 'CK-68',
    title:
      'a connection that stops reading is closed with 1008 once the bridge holds its maxUnreadBytes; nothing dropped or reordered; another served',
    area: 'transport',
    async run(ctx) {
      const idle = await ctx.connect({ label: 'not reading' });
      const reading = await ctx.connect({ label: 'reading' });
      const probe = unreadId(26 ** 7 - 1);
      const info = resultOf<Info>(await idle.call('getInfo', {}, { id: probe }), 'getInfo');
      const {
        maxUnreadBytes: limit,
        maxMessagesPerSecond: rate,
        maxPendingCalls: pending,
      } = info.limits ?? {};
      for (const [name, value] of Object.entries({ limit, rate, pending }))
        check(Number.isInteger(value) && value! > 0, `getInfo limits (${name}): ${show(info.limits)}`);
      const frame = frameBytes(idle.received.at(-1)!.bytes);
      const before = idle.received.length;
      // Paced over any second by the kit's clock; a quarter of the pending calls allowed in one go.
      const window = SendWindow.forLimit(rate!, RATE_SHARE);
      const perTick = Math.max(1, Math.floor(pending! / 4));
      // Answers possibly not made yet when the kit looks: at most the calls it may have pending.
      const unanswered = pending! * frame;

      idle.pauseReading();
      const ports = idle.ports();
      let stopped = false;
      const bystander = keepCalling(reading, () => stopped, ctx.options.timeoutMs);
      const kernelBefore: number[] = [];
      let held: KernelHeld | undefined;
      let sent = 0;
      const started = performance.now();
      try {
        for (;;) {
          held = kernelHeld(ports);
          if (!held) {
            idle.resumeReading();
            skip('the host does not say how much its sockets hold (the kit measures it on Linux)');
          }
          const bridgeAtLeast = sent * frame - unanswered - held.measured - held.unseenAtMost - READ_AHEAD;
          if (bridgeAtLeast > limit!) break;
          if (sent * frame > ABSOLUTE_STOP) break;
          if (!idle.isOpen) break;
          const now = performance.now();
          const batch = Math.min(window.roomAt(now), perTick);
          for (let n = 0; n < batch; n++, sent++) {
            const id = unreadId(sent);
            const text = JSON.stringify({ jsonrpc: '2.0', id, method: 'MyNumberCard.1.getInfo' });
            idle.expect(id, 'MyNumberCard.1.getInfo');
            kernelBefore.push(held.measured);
            window.record(now);
            idle.sendText(text);
          }
          // The bridge has read the batch once it answers the reading connection (see above).
          if (batch > 0) await reading.call('getStatus', undefined).catch(() => undefined);
          await wait(TICK_MS);
        }
      } catch (error) {
        idle.resumeReading();
        throw error;
      } finally {
        stopped = true;
      }
      const sendingMs = performance.now() - started;
      const stall = await bystander;
      if (stall) fail(stall);

      idle.resumeReading();
      const drainDeadline = performance.now() + Math.max(30_000, ctx.options.timeoutMs);
      let lastCount = -1;
      let quietSince = performance.now();
      while (idle.closeCode === undefined && performance.now() < drainDeadline) {
        const count = idle.received.length;
        if (count !== lastCount) [lastCount, quietSince] = [count, performance.now()];
        else if (count - before >= sent && performance.now() - quietSince > 1_000) break;
        await wait(50);
      }

      const answers = idle.received.slice(before);
      answers.forEach(({ message }, index) => {
        const expected = unreadId(index);
        if (message.kind !== 'result' || message.id !== expected)
          fail(
            `message ${index + 1} after the kit stopped reading: expected the answer to ${show(expected, 40)}, ` +
              `got ${show(message.kind === 'garbage' ? message.text : message.raw, 80)} — messages dropped or reordered (BR-TRN-11)`,
          );
      });
      const delivered = answers.length * frame;
      ctx.note(
        `${sent} calls (${((sent * frame) / 1048576).toFixed(2)} MiB of answers) in ${Math.round(sendingMs / 1000)} s; ` +
          `${answers.length} answers before ${idle.closeCode === undefined ? 'no close' : `the close (${idle.closeCode})`}; ` +
          `the kernel held ${(held!.measured / 1048576).toFixed(2)} MiB (${held!.how})`,
      );
      check(
        idle.closeCode !== undefined,
        `the bridge went on answering a connection that did not read: it held at least ` +
          `${sent * frame - unanswered - held!.measured - held!.unseenAtMost - READ_AHEAD} bytes beyond the kernel's ` +
          `buffers (limit ${limit}) and never closed it (BR-TRN-11)`,
      );
      check(
        idle.closeCode === 1008,
        `the connection that did not read was closed with ${idle.closeCode}, not 1008 (BR-TRN-11)`,
      );
      // At its highest: the kernel held no less at the close than when the last answer's call left.
      const kernelAtClose = answers.length > 0 ? kernelBefore[answers.length - 1]! : 0;
      const heldAtMost = delivered - (held!.unseenAtMost > 0 ? 0 : kernelAtClose);
      check(
        heldAtMost >= limit! - frame,
        `closed after ${answers.length} answers: the bridge held at most ${heldAtMost} bytes, less than the ` +
          `${limit} it reports as maxUnreadBytes (BR-TRN-11)`,
      );
      check(!reading.closeCode, `the reading connection was closed (${reading.closeCode}) (BR-TRN-11)`);
      resultOf(await reading.call('getStatus'), 'getStatus on the reading connection afterwards');
    },
  },
];
