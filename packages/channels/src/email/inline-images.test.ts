import { describe, expect, it } from 'vitest';
import { imagesAsCid } from './inline-images';

const ids: Record<string, string> = { '/files/a1?exp=1&sig=x': 'a1' };
const attachmentIdOf = (src: string) => ids[src];
const cidOf = (id: string) => `image-${id}@shop.example`;

describe('imagesAsCid', () => {
  it('points an image at its attachment’s Content-ID; other images and the rest stay as written', () => {
    const out = imagesAsCid('<p>Lid <img src="/files/a1?exp=1&amp;sig=x" alt="lid"> and <img src="https://cdn.example/logo.png"></p>', attachmentIdOf, cidOf);
    expect(out.html).toBe('<p>Lid <img src="cid:image-a1@shop.example" alt="lid" /> and <img src="https://cdn.example/logo.png" /></p>');
    expect([...out.cids]).toEqual([['image-a1@shop.example', 'a1']]);
  });

  it('an image shown twice is one Content-ID; none of ours, nothing mapped', () => {
    expect([...imagesAsCid('<img src="/files/a1?exp=1&sig=x"><img src="/files/a1?exp=1&sig=x">', attachmentIdOf, cidOf).cids]).toHaveLength(1);
    expect(imagesAsCid('<p>no images</p>', attachmentIdOf, cidOf).cids.size).toBe(0);
  });
});
