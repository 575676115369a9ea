// The window's look: dark (the default for long sessions on imagery), light, or a print look for
// screenshots that go into articles; "system" follows the OS. Remembered per browser profile.
import { create } from 'zustand';
import { DARK_THEME, LIGHT_THEME, type ChartTheme } from '../../shared/charts/theme';

export type ThemeChoice = 'system' | 'dark' | 'light' | 'print';
export type AppliedTheme = 'dark' | 'light' | 'print';

export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'dark', 'light', 'print'];
export const THEME_LABEL: Record<ThemeChoice, string> = { system: 'System', dark: 'Dark', light: 'Light', print: 'Print' };
const STORAGE_KEY = 'quaywatch.theme';

/** What a choice looks like given the OS setting: "system" is dark or light, never print. */
export function appliedTheme(choice: ThemeChoice, osPrefersDark: boolean): AppliedTheme {
  if (choice === 'system') return osPrefersDark ? 'dark' : 'light';
  return choice;
}

/** The next choice of the theme button and its shortcut, in a fixed round. */
export function nextTheme(choice: ThemeChoice): ThemeChoice {
  return THEME_CHOICES[(THEME_CHOICES.indexOf(choice) + 1) % THEME_CHOICES.length]!;
}

/** Charts follow the window: light colours on a light or print window, dark on a dark one. */
export function chartThemeFor(theme: AppliedTheme): ChartTheme {
  return theme === 'dark' ? DARK_THEME : LIGHT_THEME;
}

function storedChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return THEME_CHOICES.includes(v as ThemeChoice) ? (v as ThemeChoice) : 'system';
  } catch {
    return 'system';
  }
}

const darkQuery = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

interface ThemeState {
  choice: ThemeChoice;
  applied: AppliedTheme;
  choose(choice: ThemeChoice): void;
  cycle(): void;
}

export const useTheme = create<ThemeState>((set, get) => {
  const choice = storedChoice();
  return {
    choice,
    applied: appliedTheme(choice, darkQuery?.matches ?? true),
    choose(c) {
      try {
        localStorage.setItem(STORAGE_KEY, c);
      } catch {
        /* a profile without storage keeps the choice for this window only */
      }
      set({ choice: c, applied: appliedTheme(c, darkQuery?.matches ?? true) });
    },
    cycle() {
      get().choose(nextTheme(get().choice));
    },
  };
});

/** Puts the theme on the document now and whenever it (or the OS setting) changes. */
export function installTheme() {
  const apply = () => {
    const root = document.documentElement;
    root.dataset.theme = useTheme.getState().applied;
    root.style.colorScheme = useTheme.getState().applied === 'dark' ? 'dark' : 'light';
  };
  apply();
  useTheme.subscribe(apply);
  darkQuery?.addEventListener('change', () => {
    const { choice } = useTheme.getState();
    useTheme.setState({ applied: appliedTheme(choice, darkQuery.matches) });
  });
}
