// The server process's peak resident memory between two readings. On Linux the kernel keeps it
// (VmHWM in /proc/self/status, reset through clear_refs), so nothing samples the server while it
// works and no short peak is missed; elsewhere resident memory is sampled every 10 ms.
import { readFileSync, writeFileSync } from 'node:fs';

export interface PeakMemory {
  /** Peak resident memory in bytes since the last call (or the start), which starts the next period. */
  takePeak(): number;
}

const SAMPLE_EVERY_MS = 10;

function kernelPeak(): PeakMemory | undefined {
  const read = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) * 1024;
  // Writing 5 sets the peak back to the current resident memory (Linux 4.0 and later).
  const reset = () => writeFileSync('/proc/self/clear_refs', '5');
  try {
    reset();
    if (!Number.isFinite(read())) return undefined;
  } catch {
    return undefined;
  }
  return {
    takePeak() {
      const peak = read();
      reset();
      return peak;
    },
  };
}

function sampledPeak(): PeakMemory {
  let peak = 0;
  // rss() alone: memoryUsage() also walks the heap's spaces, which costs the server measurable CPU.
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  setInterval(sample, SAMPLE_EVERY_MS).unref();
  return {
    takePeak() {
      sample();
      const taken = peak;
      peak = 0;
      return taken;
    },
  };
}

export const peakMemory = (): PeakMemory => kernelPeak() ?? sampledPeak();
