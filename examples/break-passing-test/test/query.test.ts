import { describe, expect, it } from 'vitest';
import { queryProducts, type Product } from '../src/query.js';

const products: Product[] = [
  { id: 1, name: 'Desk lamp', price: 35, inStock: true },
  { id: 2, name: 'Standing desk', price: 420, inStock: false },
  { id: 3, name: 'Desk mat', price: 25, inStock: true },
  { id: 4, name: 'Monitor arm', price: 89, inStock: true },
];

describe('queryProducts', () => {
  it('searches by name, case-insensitively', () => {
    expect(queryProducts(products, { search: 'DESK' }).items.map((p) => p.id)).toEqual([1, 2, 3]);
  });

  it('filters out-of-stock products and sorts by price', () => {
    const page = queryProducts(products, { inStockOnly: true, sort: 'price' });
    expect(page.items.map((p) => p.id)).toEqual([3, 1, 4]);
  });

  it('paginates the result', () => {
    const page = queryProducts(products, { sort: 'name', page: 2, pageSize: 2 });
    expect(page.items.map((p) => p.name)).toEqual(['Monitor arm', 'Standing desk']);
    expect(page.totalPages).toBe(2);
  });
});
