package no.sunnekommuner.cms.content.validation;

/**
 * How strictly references are checked. Imports of bootstrap files may point at items the same import creates
 * later (or, like Magnolia's own exports, at items that are gone), so they skip the existence check of
 * reference targets; every other rule applies to them too.
 */
public enum ValidationMode { STRICT, IMPORT }
