// Lets the pages import their stylesheet; Vite bundles it next to the script.
declare module '*.css';
