//! The choices of the catalogue's product set and province filters: the ones the public facets
//! (`/public/facets`) list for the products in force, and any an entry seen since carries; a
//! filter set by the address that neither names stays a choice, shown by its code.

use std::collections::BTreeMap;

use ocop_catalogue::{CatalogueFacets, CatalogueItem, Coded, FacetCount};

/// Codes and names met in the feed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seen(BTreeMap<String, String>);

impl Seen {
    fn add(&mut self, coded: &Coded) {
        self.add_named(&coded.code, &coded.name);
    }

    fn add_named(&mut self, code: &str, name: &str) {
        if !code.is_empty() {
            self.0
                .entry(code.to_string())
                .or_insert_with(|| name.to_string());
        }
    }

    fn add_counted(&mut self, counts: &[FacetCount]) {
        for count in counts {
            self.add_named(&count.code, &count.name);
        }
    }

    /// `("", all)` first, then what was seen, by name when `by_name` (provinces) or else by code
    /// (product sets follow the classification's numbering); `current` is kept when unseen.
    pub fn options(&self, all: &str, current: &str, by_name: bool) -> Vec<(String, String)> {
        let mut seen: Vec<(String, String)> = self
            .0
            .iter()
            .map(|(code, name)| {
                let label = if name.is_empty() { code } else { name };
                (code.clone(), label.clone())
            })
            .collect();
        if by_name {
            seen.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
        }
        if !current.is_empty() && !self.0.contains_key(current) {
            seen.push((current.to_string(), current.to_string()));
        }
        let mut options = vec![(String::new(), all.to_string())];
        options.extend(seen);
        options
    }
}

/// The product sets and provinces the catalogue lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    pub product_sets: Seen,
    pub provinces: Seen,
}

impl Facets {
    /// Every product set and province of the products in force.
    pub fn load(&mut self, facets: &CatalogueFacets) {
        self.product_sets.add_counted(&facets.product_sets);
        self.provinces.add_counted(&facets.provinces);
    }

    /// The ones the entries of a page carry (one certified since the facets were read).
    pub fn record(&mut self, items: &[CatalogueItem]) {
        for item in items {
            self.product_sets.add(&item.product_set);
            self.provinces.add(&item.origin.province);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn coded(code: &str, name: &str) -> Coded {
        Coded {
            code: code.to_string(),
            name: name.to_string(),
        }
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn provinces_sort_by_name_and_product_sets_by_code_after_the_all_choice() {
        let mut provinces = Seen::default();
        provinces.add(&coded("66", "Tỉnh Đắk Lắk"));
        provinces.add(&coded("01", "Thành phố Hà Nội"));
        provinces.add(&coded("66", "renamed later is ignored"));
        assert_eq!(
            provinces.options("All", "", true),
            pairs(&[
                ("", "All"),
                ("01", "Thành phố Hà Nội"),
                ("66", "Tỉnh Đắk Lắk")
            ])
        );
        let mut sets = Seen::default();
        sets.add(&coded("I.6", "Chè"));
        sets.add(&coded("I.1", "Thực phẩm tươi sống"));
        assert_eq!(
            sets.options("All", "", false),
            pairs(&[("", "All"), ("I.1", "Thực phẩm tươi sống"), ("I.6", "Chè")])
        );
    }

    #[test]
    fn the_facets_list_every_choice_before_any_entry_is_seen() {
        let mut facets = Facets::default();
        let count = |code: &str, name: &str| FacetCount {
            code: code.to_string(),
            name: name.to_string(),
            entries: 3,
        };
        facets.load(&CatalogueFacets {
            product_sets: vec![count("I.6", "Chè")],
            sectors: vec![count("I", "Thực phẩm")],
            provinces: vec![count("66", "Tỉnh Đắk Lắk")],
        });
        assert_eq!(
            facets.product_sets.options("All", "", false),
            pairs(&[("", "All"), ("I.6", "Chè")])
        );
        assert_eq!(
            facets.provinces.options("All", "", true),
            pairs(&[("", "All"), ("66", "Tỉnh Đắk Lắk")])
        );
    }

    #[test]
    fn a_choice_from_the_address_stays_before_its_entries_are_seen() {
        let seen = Seen::default();
        assert_eq!(
            seen.options("All", "I.6", false),
            pairs(&[("", "All"), ("I.6", "I.6")])
        );
    }
}
