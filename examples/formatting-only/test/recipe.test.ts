import { describe, expect, it } from 'vitest';
import { formatIngredient, type Recipe, scaleRecipe, shoppingList } from '../src/recipe.js';

const PANCAKES: Recipe = {
  title: 'Pancakes',
  servings: 4,
  ingredients: [
    { name: 'flour', amount: 250, unit: 'g' },
    { name: 'milk', amount: 500, unit: 'ml' },
    { name: 'sugar', amount: 2, unit: 'tbsp' },
  ],
};

describe('scaleRecipe', () => {
  it('scales every amount', () => {
    const scaled = scaleRecipe(PANCAKES, 6);
    expect(scaled.servings).toBe(6);
    expect(scaled.ingredients.map((i) => i.amount)).toEqual([375, 750, 3]);
  });

  it('rounds to two decimals and leaves the original alone', () => {
    expect(scaleRecipe(PANCAKES, 3).ingredients[2].amount).toBe(1.5);
    expect(scaleRecipe(PANCAKES, 1).ingredients[0].amount).toBe(62.5);
    expect(PANCAKES.ingredients[0].amount).toBe(250);
  });

  it('rejects zero servings', () => {
    expect(() => scaleRecipe(PANCAKES, 0)).toThrow(RangeError);
  });
});

describe('formatIngredient', () => {
  it('writes the amount in its most readable unit', () => {
    expect(formatIngredient({ name: 'flour', amount: 1500, unit: 'g' })).toBe('1.5 kg flour');
    expect(formatIngredient({ name: 'oil', amount: 3, unit: 'tsp' })).toBe('1 tbsp oil');
  });
});

describe('shoppingList', () => {
  it('adds up the same ingredient across recipes', () => {
    const crepes: Recipe = { title: 'Crêpes', servings: 2, ingredients: [{ name: 'milk', amount: 220, unit: 'ml' }, { name: 'flour', amount: 0.125, unit: 'kg' }] };
    expect(shoppingList([PANCAKES, crepes])).toEqual(['375 g flour', '3 cup milk', '2 tbsp sugar']);
  });
});
