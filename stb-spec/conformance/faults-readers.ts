/**
 * The injected faults of the readers a bridge serves and of the production image (see faults.ts):
 * the fault-injection test runs the reference bridge with a second, foreign reader it does not serve.
 */
import { FOREIGN_READER } from '../../mocks/virtual-card/foreign-reader';
import type { Message } from './fault-proxy';
import { back, forth, is, paramsOf, result } from './fault-helpers';
import type { InjectedFault } from './faults';

type StatusLike = { readers?: { name: string; card: string }[] };

/** The Status in a getStatus answer or a statusChanged notification, if the message is one. */
function statusIn(message: Message): StatusLike | undefined {
  const status = (message.result ?? message.params) as StatusLike | undefined;
  return status && typeof status === 'object' && Array.isArray(status.readers) ? status : undefined;
}

const listing = (name: string) =>
  back((m) => {
    statusIn(m)?.readers?.push({ name, card: 'absent' });
  });

export function readerFaults(): InjectedFault[] {
  return [
    {
      requirement: 'BR-SEC-51',
      bug: 'the reader off the allow-list listed in getStatus and events',
      fault: listing(FOREIGN_READER),
    },
    {
      requirement: 'BR-SEC-51',
      bug: 'a call naming a reader off the allow-list served by another reader',
      fault: forth((message) => {
        const params = paramsOf(message);
        if (params.reader !== FOREIGN_READER) return message;
        const { reader: _ignored, ...rest } = params;
        return { ...message, params: rest };
      }),
    },
    {
      requirement: 'BR-SEC-60',
      bug: "vpcd's reader on a production image",
      fault: listing('Virtual PCD 00 01'),
      mode: 'none',
      options: { productionImage: true },
    },
    {
      requirement: 'BR-SEC-50',
      bug: 'no reader allow-list configured on a production image',
      fault: back((m, call) => {
        if (!is(call, 'getInfo') || !m.result) return;
        const info = result(m);
        info.capabilities = (info.capabilities as string[]).filter((c) => c !== 'readerAllowList');
      }),
      mode: 'none',
      options: { productionImage: true },
    },
  ];
}
