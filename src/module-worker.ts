// Starts a worker thread from one of the project's modules: its compiled file, or its source
// through tsx's loader when the project runs from sources (tests, the bench, `npm start`).
import { Worker } from 'node:worker_threads';

/** `sibling` is the module's file name without extension, next to `from` (an import.meta.url). */
export function startModuleWorker(sibling: string, from: string): Worker {
  const runningSources = from.endsWith('.ts');
  const file = new URL(`./${sibling}.${runningSources ? 'ts' : 'js'}`, from);
  if (!runningSources) return new Worker(file);
  // On Node 20 a worker does not inherit its parent's module loader hooks, so it registers tsx's.
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(file.href)}); });`;
  return new Worker(boot, { eval: true });
}
