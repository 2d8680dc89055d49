/** The mean star rating, rounded to one decimal; 0 when there are no ratings yet. */
export function averageRating(ratings: number[]): number {
  if (ratings.length === 0) return 0;
  let sum = 0;
  for (const rating of ratings) sum += rating;
  return Math.round((sum / ratings.length) * 10) / 10;
}

/** How many ratings gave each number of stars, 1 to 5. */
export function ratingCounts(ratings: number[]): Record<1 | 2 | 3 | 4 | 5, number> {
  const counts = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const rating of ratings) {
    if (rating === 1 || rating === 2 || rating === 3 || rating === 4 || rating === 5) counts[rating]++;
  }
  return counts;
}
