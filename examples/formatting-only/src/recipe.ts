import { convert, readableUnit, type Unit } from './units.js';

export interface Ingredient {
  name: string;
  amount: number;
  unit: Unit;
}

export interface Recipe {
  title: string;
  servings: number;
  ingredients: Ingredient[];
}

function round(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/** The same recipe for a different number of servings. */
export function scaleRecipe(recipe: Recipe, servings: number): Recipe {
  if (!(servings > 0)) throw new RangeError('servings must be positive');
  const factor = servings / recipe.servings;
  return {
    ...recipe,
    servings,
    ingredients: recipe.ingredients.map((item) => ({ ...item, amount: round(item.amount * factor) }))
  };
}

/** "1.5 kg flour": the amount in its most readable unit. */
export function formatIngredient(item: Ingredient): string {
  const unit = readableUnit(item.amount, item.unit);
  return `${round(convert(item.amount, item.unit, unit))} ${unit} ${item.name}`;
}

/** One line per ingredient name across several recipes, amounts added up, sorted by name. */
export function shoppingList(recipes: Recipe[]): string[] {
  const totals = new Map<string, Ingredient>();
  for (const recipe of recipes) {
    for (const item of recipe.ingredients) {
      const seen = totals.get(item.name);
      if (seen) seen.amount += convert(item.amount, item.unit, seen.unit);
      else totals.set(item.name, { ...item });
    }
  }
  return [...totals.values()]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((item) => formatIngredient(item));
}
