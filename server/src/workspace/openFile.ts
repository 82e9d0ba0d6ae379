/**
 * A file opened for reading and read synchronously, the one way the start-up paths do it: the scan's sniff of a letter
 * (`files.ts` `readHead`, `discover.ts`) and the analysis cache's entries. A start reads a thousand small files, and
 * each asynchronous open, stat, read and close is a round trip through libuv's threads with a wake-up of the event loop
 * (BENCHMARKS.md, stop 23); what one call reads here is bounded by its caller. Opened without blocking, so a FIFO or a
 * device is never waited on: the caller judges it by the descriptor's stat before reading a byte. Throws what the
 * file system throws; the descriptor is always closed.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** `use(fd, stat)` on `file` opened for reading (without blocking), closed afterwards whatever happens. */
export function withOpenFile<T>(file: string, use: (fd: number, stat: Stats) => T): T {
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    return use(fd, fstatSync(fd));
  } finally {
    try {
      closeSync(fd);
    } catch {
      // Closing a descriptor that was only read cannot lose anything.
    }
  }
}

/** Fills `buffer` from `from` on (at the same file offset) until it is full or the file ends; what was read. */
export function readInto(fd: number, buffer: Uint8Array, from = 0): Uint8Array {
  let read = from;
  while (read < buffer.length) {
    const bytesRead = readSync(fd, buffer, read, buffer.length - read, read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  return buffer.subarray(0, read);
}
