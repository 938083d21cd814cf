// Vite gives a style sheet imported with `?inline` as its processed text (src/shared/adopt-styles.ts).
declare module '*.css?inline' {
  const css: string;
  export default css;
}
