/**
 * Runs the text-size flow (features/session/machine/text-size.machine.ts) beside the shell: it
 * hears when a viewer logs in or out (the session's profile comes and goes), and what size the
 * viewer chose with the remote; the size a profile brings is applied to the shell.
 */
import { createActor, type AnyActorLogic } from 'xstate';
import { textSizeMachine } from '../../features/session/machine/text-size.machine';
import type { Profile } from '../../machines/ports';
import type { TextSize } from '../theme/tokens';
import type { SessionActor } from './binding';

/** What the flow needs of the shell (App). */
export interface TextSizeShell {
  useTextSize(size: TextSize): void;
  onTextSizeChosen(listener: (size: TextSize) => void): () => void;
}

export function followTextSize(
  shell: TextSizeShell,
  session: SessionActor,
  actors: { saveTextSize: AnyActorLogic },
): () => void {
  const flow = createActor(textSizeMachine.provide({ actors: actors as never }));
  flow.on('applyTextSize', ({ size }) => shell.useTextSize(size));
  flow.start();
  let profile: Profile | undefined;
  const follow = (snapshot: ReturnType<SessionActor['getSnapshot']>) => {
    const next = (snapshot.context as { profile?: Profile }).profile;
    if (next && !profile) flow.send({ type: 'SIGNED_IN', profile: next });
    if (!next && profile) flow.send({ type: 'SIGNED_OUT' });
    profile = next;
  };
  follow(session.getSnapshot());
  const subscription = session.subscribe(follow);
  const stopListening = shell.onTextSizeChosen((size) => flow.send({ type: 'CHOSEN', size }));
  return () => {
    subscription.unsubscribe();
    stopListening();
    flow.stop();
  };
}
