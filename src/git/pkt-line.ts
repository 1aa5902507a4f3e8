/**
 * git's pkt-line framing (https://git-scm.com/docs/protocol-common#_pkt_line_format): a 4-digit hex length that
 * counts itself, then the payload; `0000` flush, `0001` delimiter, `0002` response end. Lengths are in bytes, so the
 * framing is read from a Buffer and payloads are decoded as UTF-8 only once cut out (ref names may be any UTF-8).
 */

export type Packet = { kind: 'data'; text: string } | { kind: 'flush' } | { kind: 'delim' } | { kind: 'end' };

export class PktLineError extends Error {}

/** Every packet of `buffer`, in order; a malformed or cut-off packet throws. */
export function readPackets(buffer: Buffer): Packet[] {
  const packets: Packet[] = [];
  let at = 0;
  while (at < buffer.length) {
    if (at + 4 > buffer.length) throw new PktLineError('truncated pkt-line length');
    const header = buffer.toString('latin1', at, at + 4);
    if (!/^[0-9a-f]{4}$/i.test(header)) throw new PktLineError('malformed pkt-line length');
    const length = Number.parseInt(header, 16);
    if (length === 0) packets.push({ kind: 'flush' });
    else if (length === 1) packets.push({ kind: 'delim' });
    else if (length === 2) packets.push({ kind: 'end' });
    else if (length < 4) throw new PktLineError(`invalid pkt-line length ${length}`);
    else {
      if (at + length > buffer.length) throw new PktLineError('truncated pkt-line');
      packets.push({ kind: 'data', text: stripNewline(buffer.toString('utf8', at + 4, at + length)) });
      at += length;
      continue;
    }
    at += 4;
  }
  return packets;
}

/** One data packet: length prefix + text (+ newline, as git writes them). */
export function dataPacket(text: string): Buffer {
  const payload = Buffer.from(`${text}\n`, 'utf8');
  return Buffer.concat([Buffer.from((payload.length + 4).toString(16).padStart(4, '0'), 'latin1'), payload]);
}

export const FLUSH = Buffer.from('0000', 'latin1');
export const DELIM = Buffer.from('0001', 'latin1');

function stripNewline(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}
