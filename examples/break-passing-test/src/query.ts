import { paginate, type Page } from './paginate.js';

export interface Product {
  id: number;
  name: string;
  price: number;
  inStock: boolean;
}

export interface ProductQuery {
  search?: string;
  inStockOnly?: boolean;
  sort?: 'price' | 'name';
  page?: number;
  pageSize?: number;
}

export function queryProducts(products: readonly Product[], query: ProductQuery = {}): Page<Product> {
  const needle = query.search?.trim().toLowerCase();
  let result = products.filter(
    (p) => (!needle || p.name.toLowerCase().includes(needle)) && (!query.inStockOnly || p.inStock),
  );
  if (query.sort === 'price') result = [...result].sort((a, b) => a.price - b.price || a.id - b.id);
  if (query.sort === 'name') result = [...result].sort((a, b) => a.name.localeCompare(b.name));
  return paginate(result, query.page ?? 1, query.pageSize ?? 20);
}
