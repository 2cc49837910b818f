// The little of fontkit 2 (pdfkit's font engine) this library uses; fontkit ships no types.
declare module 'fontkit' {
  export interface GlyphPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }
  export interface GlyphRun {
    glyphs: unknown[];
    positions: GlyphPosition[];
    readonly advanceWidth: number;
  }
  export interface Font {
    postscriptName: string;
    layout(text: string, features?: unknown): GlyphRun;
  }
  export interface FontCollection {
    fonts: Font[];
  }
  /** With `postscriptName`, the one font of a collection (`.ttc`) of that name. */
  export function create(buffer: Uint8Array, postscriptName?: string): Font | FontCollection;
}
