-- 004_published_rates: the reference-rate table ships the Riksbank's published rates
-- from 2010 H1 on (core.DefaultReferenceRates). Go adds the half-years a book lacks
-- (see addPublishedReferenceRates); a rate the book already holds, edited by the user
-- or not, is kept as it is.
SELECT 1;
