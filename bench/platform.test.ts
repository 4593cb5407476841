/** The platform bench's reading of `openssl speed` (OpenSSL 3's table). */
import { parseOpensslVerifySpeed } from './platform';

describe('openssl speed rsa2048', () => {
  it('reads verify/s from the rsa 2048 line', () => {
    const output = [
      'CPUINFO: OPENSSL_ia32cap=0xfffa3203078bffff:0x400684219c07ab',
      '                  sign    verify    sign/s verify/s',
      'rsa 2048 bits 0.000670s 0.000019s   1493.3  53390.8',
    ].join('\n');
    expect(parseOpensslVerifySpeed(output)).toBe(53390.8);
  });

  it('refuses output without that line', () => {
    expect(() => parseOpensslVerifySpeed('rsa 4096 bits 0.004s 0.0001s 250.0 9000.0')).toThrow(/rsa 2048/);
  });
});
