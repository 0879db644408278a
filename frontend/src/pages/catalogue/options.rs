//! The choices of the catalogue's product set and province filters. The lists of product sets
//! and provinces are signed-in reads, so a visitor's choices are the ones the entries seen so
//! far carry, gathered as pages arrive; a filter set by the address before its entries are seen
//! stays a choice, shown by its code.

use std::collections::BTreeMap;

use ocop_catalogue::{CatalogueItem, Coded};

/// Codes and names met in the feed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seen(BTreeMap<String, String>);

impl Seen {
    fn add(&mut self, coded: &Coded) {
        if !coded.code.is_empty() {
            self.0
                .entry(coded.code.clone())
                .or_insert_with(|| coded.name.clone());
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

/// The product sets and provinces the catalogue has shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    pub product_sets: Seen,
    pub provinces: Seen,
}

impl Facets {
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
    fn a_choice_from_the_address_stays_before_its_entries_are_seen() {
        let seen = Seen::default();
        assert_eq!(
            seen.options("All", "I.6", false),
            pairs(&[("", "All"), ("I.6", "I.6")])
        );
    }
}
