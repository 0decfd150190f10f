// One way to make a React context whose value only its provider gives: the provider, a hook that
// throws when used outside it (a screen wired up wrong fails loudly, not with a null later), and
// one that returns null there (for parts that may render alone, e.g. in a test).

import { createContext, useContext } from 'react';

export function createRequiredContext<T>(hookName: string, providerName: string) {
  const Context = createContext<T | null>(null);
  function useRequired(): T {
    const value = useContext(Context);
    if (!value) throw new Error(`${hookName} outside ${providerName}`);
    return value;
  }
  const useOptional = (): T | null => useContext(Context);
  return { Provider: Context.Provider, useRequired, useOptional };
}
