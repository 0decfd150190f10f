// A Node module-resolution hook (module.register) for the boot test: `electron` resolves to the
// recording fake whose URL the registering script passes as `data`; everything else resolves as
// usual. Registered only inside the boot test's child process, so nothing else sees it.

interface ResolveContext {
  conditions: string[];
  importAttributes: Record<string, string>;
  parentURL?: string;
}
type NextResolve = (
  specifier: string,
  context: ResolveContext,
) => Promise<{ url: string; format?: string | null; shortCircuit?: boolean }>;

let fakeUrl = '';

export function initialize(data: { fakeUrl: string }): void {
  fakeUrl = data.fakeUrl;
}

export async function resolve(specifier: string, context: ResolveContext, next: NextResolve) {
  if (specifier === 'electron' || specifier.startsWith('electron/')) {
    return { url: fakeUrl, shortCircuit: true };
  }
  return next(specifier, context);
}
