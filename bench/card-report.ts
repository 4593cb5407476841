/** The card bench's table: pure formatting of CardBenchResult, so it is unit-tested without a card. */
import { formatCardSideApdu, type CardSideApdu } from './card-rig';
import type { CardBenchResult } from './card';
import type { OpenscCommandCount } from './opensc';
import { formatCount, formatMs, formatRatio, goalOf, type Row, type Table } from './report';

/** Our APDUs to read the certificate, the PIN status and sign: no more than OpenSC's. */
const apduGoal = (ours: number, opensc: number | undefined) =>
  goalOf('≤ 1×', opensc !== undefined && opensc > 0 && ours <= opensc);

export function cardTable(result: CardBenchResult, verbose = false): Table {
  const { ours, floor, opensc } = result;
  const rows: Row[] = [
    {
      figure: 'wall time: read cert + PIN status + sign',
      ours: formatMs(ours.ms),
      floor: `${formatMs(floor.ms)} (raw pcsclite)`,
      ratio: formatRatio(ours.ms, floor.ms),
    },
    {
      figure: '  driver overhead (ours − floor)',
      ours: formatMs(ours.ms - floor.ms),
    },
    {
      figure: '  time per APDU',
      ours: formatMs(ours.ms / ours.apdus),
      floor: formatMs(floor.ms / ours.apdus),
    },
  ];
  const notes = [
    `ours: JpkiCard over PcscTransport through pcscd; ${result.runMethod}; median of ${formatCount(result.runs, 'runs')}.`,
    'floor: the exact command bytes our driver sent, replayed back to back over a bare exclusive pcsclite',
    '  connection on the same insertion (card primed untimed with our detect() APDUs); same status words checked.',
    'vpcd: each message to the card waits ~40 ms (vpcd sends length and APDU in two writes: Nagle + delayed',
    '  ACK), so on this rig time is mostly APDU count; a USB reader has its own, smaller, per-APDU cost.',
  ];

  if (opensc.status === 'ok') {
    const [read, pins, sign] = opensc.commands as [
      OpenscCommandCount,
      OpenscCommandCount,
      OpenscCommandCount,
    ];
    rows.push(
      {
        figure: 'APDUs: read cert + PIN status + sign',
        ours: formatCount(ours.apdus),
        floor: `${formatCount(opensc.total)} (OpenSC, 3 commands)`,
        ratio: formatRatio(ours.apdus, opensc.total),
        goal: apduGoal(ours.apdus, opensc.total),
      },
      {
        figure: '  … vs one OpenSC pkcs11 sign session',
        ours: formatCount(ours.apdus),
        floor: formatCount(opensc.signSession.apdus),
        ratio: formatRatio(ours.apdus, opensc.signSession.apdus),
      },
      {
        figure: '  … vs OpenSC from its JPKI SELECT on',
        ours: formatCount(ours.apdus),
        floor: opensc.totalFromJpkiSelect === undefined ? 'n/a' : formatCount(opensc.totalFromJpkiSelect),
        ratio: formatRatio(ours.apdus, opensc.totalFromJpkiSelect),
      },
      perCommandRow('  read auth certificate', ours.perOperation.readCertificate, read),
      perCommandRow('  PIN status (auth)', ours.perOperation.pinStatus, pins),
      perCommandRow('  sign (auth key, SHA-256)', ours.perOperation.sign, sign),
    );
    notes.push(
      `OpenSC: ${opensc.version}; APDUs counted by the card (vpcd power/ATR messages excluded); each command`,
      '  checked to succeed (same certificate, tries left, signature verified by openssl).',
      `  "probing" = APDUs before OpenSC's SELECT of the JPKI AP (card detection trying other cards' applications).`,
      ...opensc.commands.map((c) => `  ${c.work}: ${c.commandLine}`),
      `  not counted: \`pkcs11-tool -L\` to find the auth-PIN token ("${opensc.tokenLabel}"): ${formatCount(opensc.discoveryApdus)}.`,
    );
    if (verbose) notes.push(...opensc.commands.flatMap((c) => sequenceNotes(`OpenSC ${c.work}`, c.sequence)));
  } else {
    const why =
      opensc.status === 'not-installed' ? `n/a (opensc not installed: ${opensc.missing})` : 'FAILED';
    rows.push(
      {
        figure: 'APDUs: read cert + PIN status + sign',
        ours: formatCount(ours.apdus),
        floor: why,
        goal: apduGoal(ours.apdus, undefined),
      },
      perCommandRow('  read auth certificate', ours.perOperation.readCertificate),
      perCommandRow('  PIN status (auth)', ours.perOperation.pinStatus),
      perCommandRow('  sign (auth key, SHA-256)', ours.perOperation.sign),
    );
    if (opensc.status === 'failed') notes.push(`OpenSC failed: ${opensc.error}`);
  }

  const { enabled, disabled } = result.shortEfAddressing;
  rows.push(
    {
      figure: 'detect() on insertion (incl. connect; not in work)',
      ours: `${formatCount(result.detect.apdus)}, ${formatMs(result.detect.ms)}`,
    },
    {
      figure: 'APDUs, short-EF addressing on / off',
      ours: `${enabled.workApdus} / ${disabled.workApdus} APDUs`,
      ratio: formatRatio(enabled.workApdus, disabled.workApdus),
    },
    {
      figure: '  detect() on / off',
      ours: `${enabled.detectApdus} / ${disabled.detectApdus} APDUs`,
      ratio: formatRatio(enabled.detectApdus, disabled.detectApdus),
    },
  );
  if (verbose) notes.push(...sequenceNotes('ours, read cert + PIN status + sign', ours.cardSide));
  notes.push(
    `per-run times (ms): ours ${ours.msPerRun.join(', ')}; floor ${floor.msPerRun.join(', ')}`,
    'no wall-clock assertion: times are for comparison within this run only.',
  );
  return {
    title: `card — login card work on "${result.reader}" (median of ${formatCount(result.runs, 'runs')})`,
    floorHeader: 'floor / OpenSC',
    rows,
    notes,
  };
}

function perCommandRow(figure: string, oursCount: number, opensc?: OpenscCommandCount): Row {
  if (!opensc) return { figure, ours: formatCount(oursCount) };
  const split =
    opensc.probes === undefined
      ? ''
      : ` (${opensc.probes} probing + ${opensc.fromJpkiSelect} from JPKI SELECT)`;
  return {
    figure,
    ours: formatCount(oursCount),
    floor: `${formatCount(opensc.apdus)}${split}`,
    ratio: formatRatio(oursCount, opensc.apdus),
  };
}

/** The card-side sequence of one OpenSC command, with runs of identical lines folded. */
function sequenceNotes(what: string, sequence: readonly CardSideApdu[]): string[] {
  const lines: string[] = [`${what} — what the card saw:`];
  let previous = '';
  let repeat = 0;
  const flush = () => {
    if (previous) lines.push(`    ${previous}${repeat > 1 ? `   ×${repeat}` : ''}`);
  };
  for (const apdu of sequence) {
    const line = formatCardSideApdu(apdu);
    if (line === previous) {
      repeat++;
      continue;
    }
    flush();
    previous = line;
    repeat = 1;
  }
  flush();
  return lines;
}
