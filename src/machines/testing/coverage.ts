/**
 * State and transition coverage of one machine across the tests of a file. Every state node and
 * every transition (event handlers, delayed, invoke done/error, eventless) is listed from the
 * machine definition; actors created with `inspect: coverage.inspect` report what they entered and
 * took. `report()` says what is missing and writes .tmp/machine-coverage/<name>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyStateMachine, InspectionEvent, StateNode, TransitionDefinition } from 'xstate';

type AnyNode = StateNode<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type AnyTransition = TransitionDefinition<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface CoverageReport {
  machine: string;
  states: { total: number; visited: number; missing: string[] };
  transitions: { total: number; visited: number; missing: string[] };
}

function allNodes(node: AnyNode): AnyNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => allNodes(child as AnyNode))];
}

export function transitionKey(t: AnyTransition): string {
  const source = t.source as AnyNode;
  const list = t.eventType === '' ? (source.always ?? []) : (source.transitions.get(t.eventType) ?? []);
  const index = list.indexOf(t);
  const targets = (t.target ?? []).map((target) => (target as AnyNode).id).join(',') || '(self)';
  return `${source.id} ${t.eventType || '(always)'}#${index} → ${targets}`;
}

export class MachineCoverage {
  private readonly stateIds: string[];
  private readonly transitionKeys: string[];
  private readonly visitedStates = new Set<string>();
  private readonly takenTransitions = new Set<string>();

  constructor(
    readonly name: string,
    private readonly machine: AnyStateMachine,
  ) {
    const nodes = allNodes(machine.root as AnyNode);
    this.stateIds = nodes.map((node) => node.id);
    this.transitionKeys = nodes.flatMap((node) => [
      ...[...node.transitions.values()].flat().map(transitionKey),
      ...(node.always ?? []).map(transitionKey),
    ]);
  }

  /** Pass as `createActor(machine, { inspect: coverage.inspect })`. */
  readonly inspect = (event: InspectionEvent): void => {
    const snapshot =
      event.type === '@xstate.snapshot' || event.type === '@xstate.microstep' ? event.snapshot : null;
    const machine = (snapshot as { machine?: AnyStateMachine } | null)?.machine;
    if (!snapshot || machine?.id !== this.machine.id) return;
    for (const node of (snapshot as unknown as { _nodes: AnyNode[] })._nodes) this.visitedStates.add(node.id);
    if (event.type === '@xstate.microstep') {
      for (const t of event._transitions as AnyTransition[]) this.takenTransitions.add(transitionKey(t));
    }
  };

  report(): CoverageReport {
    const missingStates = this.stateIds.filter((id) => !this.visitedStates.has(id));
    const missingTransitions = this.transitionKeys.filter((key) => !this.takenTransitions.has(key));
    return {
      machine: this.name,
      states: {
        total: this.stateIds.length,
        visited: this.stateIds.length - missingStates.length,
        missing: missingStates,
      },
      transitions: {
        total: this.transitionKeys.length,
        visited: this.transitionKeys.length - missingTransitions.length,
        missing: missingTransitions,
      },
    };
  }

  /** Writes the report and prints one line; returns it for the test to assert on. */
  write(directory = join(process.cwd(), '.tmp', 'machine-coverage')): CoverageReport {
    const report = this.report();
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, `${this.name}.json`), `${JSON.stringify(report, null, 2)}\n`);
    console.log(
      `machine coverage ${this.name}: states ${report.states.visited}/${report.states.total}, ` +
        `transitions ${report.transitions.visited}/${report.transitions.total}`,
    );
    return report;
  }
}
