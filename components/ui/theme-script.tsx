/**
 * Applies the stored theme before first paint (no light flash for dark-mode users).
 * Render inside <head> of the root layout, and put `suppressHydrationWarning` on <html>,
 * because this script changes <html class> before React hydrates.
 * Keep the storage key and logic in sync with theme-toggle.tsx.
 */
const THEME_STORAGE_KEY = "theme";

const script = `(function(){try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});var d=t==="dark"||(t!=="light"&&window.matchMedia("(prefers-color-scheme: dark)").matches);var e=document.documentElement;e.classList.toggle("dark",d);e.style.colorScheme=d?"dark":"light";}catch(_){}})();`;

function ThemeScript({ nonce }: { nonce?: string }) {
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: script }} />;
}

export { THEME_STORAGE_KEY, ThemeScript };
