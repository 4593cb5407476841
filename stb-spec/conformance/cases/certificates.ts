/**
 * Certificates come back as exactly their DER: the EFs are larger than the certificates and padded,
 * and X.509 parsers ignore what follows the certificate, so a bridge that returns the whole EF passes
 * every other check. The DER header says how long the certificate is (BR-CARD-3).
 */
import { onNormalCard, type ConformanceCase } from '../case';
import { checkExactDer, resultOf, signPins } from '../expect';

export const certificateCases: ConformanceCase[] = [
  {
    id: 'CK-52',
    title: 'every certificate is exactly one DER element: no EF padding after it',
    area: 'methods',
    ...onNormalCard(async (client, ctx) => {
      const reader = ctx.readerParam();
      for (const slot of ['auth', 'authCA', 'signCA']) {
        const { der } = resultOf<{ der: string }>(
          await client.call('readCertificate', { slot, ...reader }),
          `readCertificate ${slot}`,
        );
        checkExactDer(Buffer.from(der, 'base64'), `readCertificate ${slot}`);
      }
      if (!ctx.options.signPin) {
        ctx.note('readSignCertificate not checked: the kit was given no --sign-pin');
        return;
      }
      const { der } = resultOf<{ der: string }>(
        await client.call('readSignCertificate', { pin: signPins(ctx).right, ...reader }),
        'readSignCertificate',
      );
      checkExactDer(Buffer.from(der, 'base64'), 'readSignCertificate');
    }),
  },
];
