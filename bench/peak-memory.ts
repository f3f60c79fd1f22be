// The server process's peak resident memory between two readings, and over its whole life. On
// Linux the kernel keeps the peak (VmHWM in /proc/self/status, reset through clear_refs), so
// nothing samples the server while it works and no short peak is missed; elsewhere resident memory
// is sampled every 10 ms.
import { readFileSync, writeFileSync } from 'node:fs';

export interface PeakMemory {
  /** Peak resident memory in bytes since the last call (or the start), which starts the next period. */
  takePeak(): number;
  /**
   * Peak resident memory in bytes since the process started: the largest of every period so far,
   * the current one included, and of the start-up before the first period. Starts no period.
   */
  processPeak(): number;
}

const SAMPLE_EVERY_MS = 10;

function kernelPeak(): PeakMemory | undefined {
  const read = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) * 1024;
  // Writing 5 sets the peak back to the current resident memory (Linux 4.0 and later).
  const reset = () => writeFileSync('/proc/self/clear_refs', '5');
  let highest: number;
  try {
    // The peak since the process started, start-up included, before the first reset forgets it.
    highest = read();
    if (!Number.isFinite(highest)) return undefined;
    reset();
  } catch {
    return undefined;
  }
  return {
    takePeak() {
      const peak = read();
      reset();
      highest = Math.max(highest, peak);
      return peak;
    },
    processPeak: () => Math.max(highest, read()),
  };
}

function sampledPeak(): PeakMemory {
  let peak = 0;
  let highest = 0;
  // rss() alone: memoryUsage() also walks the heap's spaces, which costs the server measurable CPU.
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage.rss());
    highest = Math.max(highest, peak);
  };
  setInterval(sample, SAMPLE_EVERY_MS).unref();
  sample();
  return {
    takePeak() {
      sample();
      const taken = peak;
      peak = 0;
      return taken;
    },
    processPeak() {
      sample();
      return highest;
    },
  };
}

export const peakMemory = (): PeakMemory => kernelPeak() ?? sampledPeak();
