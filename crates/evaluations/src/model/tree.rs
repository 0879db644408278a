//! Walking a sheet: what sections and criteria have in common ([`Node`]), its leaves in sheet
//! order with the choose-one alternative each belongs to, and lookups by code.

use std::collections::BTreeMap;

use crate::Points;
use crate::criteria::{
    ChildrenMode, CriteriaSheet, Criterion, DerivedFlags, MinStarRequirement, Part, ScoreOption,
    Section,
};

/// What sections and criteria have in common, so the rules walk one tree.
pub trait Node {
    fn code(&self) -> &str;
    fn title(&self) -> &str;
    fn max_points(&self) -> Points;
    fn options(&self) -> &[ScoreOption];
    fn children(&self) -> &[Criterion];
    fn children_mode(&self) -> Option<ChildrenMode>;
    fn source_anomaly(&self) -> Option<&str>;
    fn scoring_note(&self) -> Option<&str>;
    fn mandatory(&self) -> bool;
    fn min_star_requirements(&self) -> &BTreeMap<u8, MinStarRequirement>;
    fn notes(&self) -> &[String];
    fn derived_flags(&self) -> DerivedFlags;

    fn is_leaf(&self) -> bool {
        self.children().is_empty()
    }

    fn is_choose_one(&self) -> bool {
        self.children_mode() == Some(ChildrenMode::ChooseOne)
    }

    /// What choosing option `index` scores: the printed points capped at the leaf's maximum.
    /// `None` for an index out of range or an empty points cell other than the first.
    ///
    /// The first option's empty cell is 0: options ascend, and the "Không được cấp giấy chứng
    /// nhận chất lượng" line of 1.2 that is empty in four sets prints 0 in all the others, so
    /// refusing it would leave a sheet that cannot be completed. An empty cell further down has
    /// no such reading and stays unchoosable.
    fn option_points(&self, index: usize) -> Option<Points> {
        let printed = match self.options().get(index)?.points {
            Some(points) => points,
            None if index == 0 => 0,
            None => return None,
        };
        Some(printed.min(self.max_points()))
    }
}

macro_rules! impl_node {
    ($ty:ty, $children:ident) => {
        impl Node for $ty {
            fn code(&self) -> &str {
                &self.code
            }
            fn title(&self) -> &str {
                &self.title
            }
            fn max_points(&self) -> Points {
                self.max_points
            }
            fn options(&self) -> &[ScoreOption] {
                &self.options
            }
            fn children(&self) -> &[Criterion] {
                &self.$children
            }
            fn children_mode(&self) -> Option<ChildrenMode> {
                self.children_mode
            }
            fn source_anomaly(&self) -> Option<&str> {
                self.source_anomaly.as_deref()
            }
            fn scoring_note(&self) -> Option<&str> {
                self.scoring_note.as_deref()
            }
            fn mandatory(&self) -> bool {
                self.mandatory
            }
            fn min_star_requirements(&self) -> &BTreeMap<u8, MinStarRequirement> {
                &self.min_star_requirements
            }
            fn notes(&self) -> &[String] {
                &self.notes
            }
            fn derived_flags(&self) -> DerivedFlags {
                self.derived_flags.unwrap_or_default()
            }
        }
    };
}

impl_node!(Section, criteria);
impl_node!(Criterion, children);

/// A leaf of the tree, with where it sits.
#[derive(Clone, Copy)]
pub struct Leaf<'a> {
    pub part: &'a str,
    pub section: &'a str,
    pub node: &'a dyn Node,
    /// Inside a choose-one node: that node's code and the code of the alternative (its child)
    /// the leaf belongs to.
    pub alternative: Option<(&'a str, &'a str)>,
}

impl CriteriaSheet {
    /// Every leaf in sheet order, including leaves without options.
    pub fn leaves(&self) -> Vec<Leaf<'_>> {
        let mut out = Vec::new();
        for part in &self.parts {
            for section in &part.sections {
                collect(section, part, &section.code, None, &mut out);
            }
        }
        out
    }

    /// The node with this code, anywhere in the sheet.
    pub fn find(&self, code: &str) -> Option<&dyn Node> {
        fn walk<'a>(node: &'a dyn Node, code: &str) -> Option<&'a dyn Node> {
            if node.code() == code {
                return Some(node);
            }
            node.children()
                .iter()
                .find_map(|c| walk(c as &dyn Node, code))
        }
        self.parts
            .iter()
            .flat_map(|p| &p.sections)
            .find_map(|s| walk(s as &dyn Node, code))
    }

    /// The node whose children include `code`; `None` for a section or an unknown code.
    pub fn parent_of(&self, code: &str) -> Option<&dyn Node> {
        fn walk<'a>(node: &'a dyn Node, code: &str) -> Option<&'a dyn Node> {
            if node.children().iter().any(|c| c.code == code) {
                return Some(node);
            }
            node.children()
                .iter()
                .find_map(|c| walk(c as &dyn Node, code))
        }
        self.parts
            .iter()
            .flat_map(|p| &p.sections)
            .find_map(|s| walk(s as &dyn Node, code))
    }

    /// Every node's code in sheet order (a parent before its children).
    pub fn codes(&self) -> Vec<&str> {
        fn walk<'a>(node: &'a dyn Node, out: &mut Vec<&'a str>) {
            out.push(node.code());
            for child in node.children() {
                walk(child, out);
            }
        }
        let mut out = Vec::new();
        for section in self.parts.iter().flat_map(|p| &p.sections) {
            walk(section, &mut out);
        }
        out
    }

    /// Every choose-one node, in sheet order.
    pub fn choose_one_nodes(&self) -> Vec<&dyn Node> {
        fn walk<'a>(node: &'a dyn Node, out: &mut Vec<&'a dyn Node>) {
            if node.is_choose_one() {
                out.push(node);
            }
            for child in node.children() {
                walk(child, out);
            }
        }
        let mut out = Vec::new();
        for section in self.parts.iter().flat_map(|p| &p.sections) {
            walk(section, &mut out);
        }
        out
    }

    /// Number of printed options ("□" lines), all nodes.
    pub fn option_count(&self) -> usize {
        fn count(node: &dyn Node) -> usize {
            node.options().len() + node.children().iter().map(|c| count(c)).sum::<usize>()
        }
        self.parts
            .iter()
            .flat_map(|p| &p.sections)
            .map(|s| count(s))
            .sum()
    }

    /// Sum of the part maxima (100 on a valid sheet).
    pub fn max_total(&self) -> Points {
        self.parts.iter().map(|p| p.max_points).sum()
    }
}

/// The codes of the leaves under `node` (itself when it is one), in sheet order.
pub fn leaf_codes(node: &dyn Node) -> Vec<String> {
    if node.is_leaf() {
        return vec![node.code().to_string()];
    }
    node.children().iter().flat_map(|c| leaf_codes(c)).collect()
}

fn collect<'a>(
    node: &'a dyn Node,
    part: &'a Part,
    section: &'a str,
    alternative: Option<(&'a str, &'a str)>,
    out: &mut Vec<Leaf<'a>>,
) {
    if node.is_leaf() {
        out.push(Leaf {
            part: &part.code,
            section,
            node,
            alternative,
        });
        return;
    }
    for child in node.children() {
        // The first choose-one above a leaf decides its alternative; nested choose-one nodes
        // are refused by validation, so there is never a second.
        let alt =
            alternative.or_else(|| node.is_choose_one().then_some((node.code(), &*child.code)));
        collect(child, part, section, alt, out);
    }
}
