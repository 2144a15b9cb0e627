import { useCallback, useSyncExternalStore } from 'react';

/**
 * A tiny i18n: zh-CN first, English second. Each bundle (console, portal) keeps its own
 * dictionary of `key: [zh, en]` pairs so the portal does not carry the console's strings.
 * The choice is stored in localStorage and sent to the API as `Accept-Language`.
 */
export type Lang = 'zh-CN' | 'en';
export type Messages = Readonly<Record<string, readonly [zh: string, en: string]>>;
export type Vars = Readonly<Record<string, string | number>>;
export type Translate<M extends Messages> = (key: keyof M & string, vars?: Vars) => string;

const storageKey = 'gz.lang';
const listeners = new Set<() => void>();
let current: Lang = readStoredLang();

function readStoredLang(): Lang {
  try {
    return window.localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  try {
    window.localStorage.setItem(storageKey, lang);
  } catch {
    // private mode: keep the choice for this page only
  }
  document.documentElement.lang = lang;
  for (const listener of listeners) listener();
}

export function subscribeLang(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLang(): Lang {
  return useSyncExternalStore(subscribeLang, getLang, getLang);
}

export function format(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
}

export function translate<M extends Messages>(messages: M, lang: Lang, key: keyof M & string, vars?: Vars): string {
  const entry = messages[key];
  return format(lang === 'en' ? entry[1] : entry[0], vars);
}

/** Returns `t(key, vars)` bound to the current language; re-renders when the language changes. */
export function useTranslate<M extends Messages>(messages: M): Translate<M> {
  const lang = useLang();
  return useCallback<Translate<M>>((key, vars) => translate(messages, lang, key, vars), [messages, lang]);
}

/** Strings both bundles need (the API client's own errors). */
export const sharedMessages = {
  'error.network': ['无法连接服务器，请检查网络后重试', 'Cannot reach the server. Check the network and try again.'],
  'error.http': ['服务器出错（{status}），请稍后重试', 'Server error ({status}). Please try again later.'],
} as const satisfies Messages;

document.documentElement.lang = current;
