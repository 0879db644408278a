//! The 26 transcribed sheets of 26/2026, as the repository ships them in
//! `data/criteria/26-2026/`, read through the crate's types and rules.
// A test binary: its helpers may panic, like the tests themselves.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ocop_evaluations::{
    CriteriaSheet, Instrument, RecognitionLevel, Selection, SelectionErrorCode, advise, minimums,
    plan_for_level, rate_sheet, round_deadline, score, validate,
};
use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn data_dir() -> PathBuf {
    repo().join("data/criteria/26-2026")
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// Every sheet file by product-set code.
fn sheets() -> BTreeMap<String, CriteriaSheet> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(data_dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name == "product-sets.json" || !name.ends_with(".json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let sheet: CriteriaSheet =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(format!("{}.json", sheet.product_set), name);
        out.insert(sheet.product_set.clone(), sheet);
    }
    out
}

fn sheet(code: &str) -> CriteriaSheet {
    sheets().remove(code).unwrap()
}

fn sel(choices: &[(&str, u32)]) -> Selection {
    Selection(choices.iter().map(|(c, i)| (c.to_string(), *i)).collect())
}

/// Every leaf at its best option; in a choose-one section, the first alternative.
fn best(sheet: &CriteriaSheet) -> Selection {
    let mut out = Selection::default();
    for leaf in sheet.leaves() {
        if leaf
            .alternative
            .is_some_and(|(node, alt)| sheet.find(node).unwrap().children()[0].code != alt)
        {
            continue;
        }
        // On equal points the later option: the earlier may tie only by a capped typo.
        let best = (0..leaf.node.options().len())
            .filter_map(|i| Some((leaf.node.option_points(i)?, i)))
            .max();
        if let Some((_, i)) = best {
            out.0.insert(leaf.node.code().to_string(), i as u32);
        }
    }
    out
}

#[test]
fn all_26_sheets_load_validate_and_total_100_with_2535_options() {
    let sheets = sheets();
    assert_eq!(sheets.len(), 26);
    let mut options = 0;
    for (code, sheet) in &sheets {
        assert_eq!(validate(sheet), Ok(()), "{code}");
        assert_eq!(sheet.max_total(), 100, "{code}");
        assert_eq!(sheet.total_points, 100, "{code}");
        assert_eq!(sheet.decision, "26/2026/QĐ-TTg");
        let set = sheet.set_ref(1);
        assert_eq!(
            (set.instrument.as_str(), set.product_set.as_str()),
            ("26/2026/QĐ-TTg", code.as_str())
        );
        options += sheet.option_count();
    }
    assert_eq!(options, 2535);
}

#[test]
fn the_catalogue_agrees_with_every_sheet_on_its_counts() {
    let catalogue = read_json(&data_dir().join("product-sets.json"));
    let sets = catalogue["product_sets"].as_array().unwrap();
    assert_eq!(sets.len(), 26);
    let sheets = sheets();
    for set in sets {
        let code = set["code"].as_str().unwrap();
        let sheet = &sheets[code];
        assert_eq!(set["criteria_file"], format!("{code}.json"));
        let stats = &set["criteria_stats"];
        let with_options = sheet
            .leaves()
            .iter()
            .filter(|l| !l.node.options().is_empty())
            .count();
        let mins = minimums(sheet);
        let marked: BTreeSet<_> = mins.iter().map(|m| &m.criterion_code).collect();
        let mandatory: BTreeSet<_> = mins
            .iter()
            .filter(|m| m.level == 3)
            .map(|m| &m.criterion_code)
            .collect();
        assert_eq!(stats["options"], sheet.option_count(), "{code}");
        assert_eq!(stats["nodes"], sheet.codes().len(), "{code}");
        assert_eq!(stats["scored_nodes"], with_options, "{code}");
        assert_eq!(stats["nodes_with_star_minimums"], marked.len(), "{code}");
        assert_eq!(stats["mandatory_for_3_star"], mandatory.len(), "{code}");
        // Community tourism alone files no samples.
        assert_eq!(set["samples_required"], code != "VI.1", "{code}");
    }
}

#[test]
fn the_repository_copy_is_the_shared_transcription_when_that_is_present() {
    let shared = repo().join("../shared/domain/criteria");
    if !shared.is_dir() {
        return; // a fresh clone without the shared folder beside it
    }
    for entry in std::fs::read_dir(data_dir()).unwrap() {
        let path = entry.unwrap().path();
        // corrections/ holds our later versions, which the shared transcription does not have.
        if path.is_dir() {
            continue;
        }
        let theirs = shared.join(path.file_name().unwrap());
        assert_eq!(
            std::fs::read(&path).unwrap(),
            std::fs::read(&theirs).unwrap(),
            "{}",
            path.display()
        );
    }
}

#[test]
fn the_compiled_instruments_agree_with_instruments_json() {
    let doc = read_json(&repo().join("data/criteria/instruments.json"));
    let listed = doc["instruments"].as_array().unwrap();
    assert_eq!(listed.len(), Instrument::ALL.len());
    for entry in listed {
        let instrument = Instrument::parse(entry["code"].as_str().unwrap()).unwrap();
        let maxima: Vec<(String, u32)> = instrument
            .part_split()
            .iter()
            .map(|(p, m)| (p.to_string(), *m))
            .collect();
        let json_maxima: Vec<(String, u32)> = ["A", "B", "C"]
            .iter()
            .map(|p| {
                (
                    p.to_string(),
                    entry["part_maxima"][p].as_u64().unwrap() as u32,
                )
            })
            .collect();
        assert_eq!(maxima, json_maxima, "{instrument:?}");
        let date = |v: &Value| {
            v.as_str()
                .map(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
        };
        assert_eq!(
            Some(instrument.effective_from()),
            date(&entry["effective_from"])
        );
        assert_eq!(instrument.effective_to(), date(&entry["effective_to"]));
        assert_eq!(
            u64::from(instrument.certificate_months()),
            entry["certificate_months"].as_u64().unwrap()
        );
        for rec in entry["recognition"].as_array().unwrap() {
            let level: RecognitionLevel = serde_json::from_value(rec["level"].clone()).unwrap();
            for stars in rec["stars"].as_array().unwrap() {
                let stars = stars.as_u64().unwrap() as u8;
                assert_eq!(
                    instrument.recognising_level(stars),
                    Some(level),
                    "{instrument:?} {stars}"
                );
            }
        }
        for round in entry["rounds"].as_array().into_iter().flatten() {
            let level: RecognitionLevel = serde_json::from_value(round["level"].clone()).unwrap();
            let md = |key: &str| {
                let s = round[key].as_str().unwrap();
                NaiveDate::parse_from_str(&format!("2027-{s}"), "%Y-%m-%d").unwrap()
            };
            let cutoff = md("forwarded_before");
            let on = cutoff.pred_opt().unwrap();
            let r = round_deadline(instrument, level, on).unwrap();
            assert_eq!(
                (r.forwarded_before, r.decide_before),
                (cutoff, md("decide_by"))
            );
        }
    }
}

#[test]
fn the_printed_typos_score_no_more_than_their_criterion_maximum() {
    let honey = sheet("I.2.b");
    let summary = score(&honey, &sel(&[("7", 2)])).unwrap();
    assert_eq!(
        (summary.total, summary.capped.clone()),
        (3, vec!["7".to_string()])
    );
    let tea = sheet("I.5.a");
    let summary = score(&tea, &sel(&[("6.1.1", 1)])).unwrap();
    assert_eq!(summary.total, 2);
}

#[test]
fn the_unprinted_bilingual_label_cannot_be_chosen() {
    let honey = sheet("I.2.b");
    let codes = |s: Selection| -> Vec<SelectionErrorCode> {
        score(&honey, &s)
            .unwrap_err()
            .into_iter()
            .map(|e| e.code)
            .collect()
    };
    assert_eq!(codes(sel(&[("2.4", 0)])), [SelectionErrorCode::NoOptions]);
}

#[test]
fn community_tourism_scores_one_case_of_each_choose_one_section() {
    let tourism = sheet("VI.1");
    let choose_one: Vec<_> = tourism
        .choose_one_nodes()
        .iter()
        .map(|n| n.code().to_string())
        .collect();
    assert_eq!(choose_one, ["8", "9", "15"]);
    let err = score(&tourism, &sel(&[("8.a", 1), ("8.b", 0)])).unwrap_err();
    assert_eq!(
        (err[0].criterion_code.as_str(), err[0].code),
        ("8", SelectionErrorCode::TwoAlternatives)
    );
    let summary = score(&tourism, &sel(&[("8.b", 1)])).unwrap();
    assert_eq!(summary.total, 3);
}

#[test]
fn the_best_options_rate_five_stars_on_every_sheet() {
    for (code, sheet) in sheets() {
        let summary = score(&sheet, &best(&sheet)).unwrap();
        // The bilingual-label criterion (1 point) prints no options in I.1.a–IV.2.
        let unprintable = sheet
            .leaves()
            .iter()
            .filter(|l| l.node.options().is_empty())
            .count();
        assert_eq!(summary.total as usize, 100 - unprintable, "{code}");
        let result = rate_sheet(&sheet, &summary);
        assert_eq!((result.stars, result.unmet.len()), (5, 0), "{code}");
    }
}

#[test]
fn the_advisor_plans_every_level_from_the_lowest_options_on_every_sheet() {
    for (code, sheet) in sheets() {
        // Every leaf at its lowest option with points, first alternative of a choose-one.
        let mut lowest = Selection::default();
        for leaf in sheet.leaves() {
            if leaf
                .alternative
                .is_some_and(|(n, alt)| sheet.find(n).unwrap().children()[0].code != alt)
            {
                continue;
            }
            if let Some(i) =
                (0..leaf.node.options().len()).find(|&i| leaf.node.option_points(i).is_some())
            {
                lowest.0.insert(leaf.node.code().to_string(), i as u32);
            }
        }
        let advice = advise(&sheet, &lowest).unwrap();
        assert!(advice.undecided_choices.is_empty(), "{code}");
        for target in advice.current.stars + 1..=5 {
            let plan = plan_for_level(&sheet, &lowest, target)
                .unwrap()
                .unwrap_or_else(|| panic!("{code} {target}"));
            let mut after = lowest.clone();
            for change in &plan.changes {
                after
                    .0
                    .insert(change.criterion_code.clone(), change.to_option);
            }
            let summary = score(&sheet, &after).unwrap();
            assert_eq!(summary.total, plan.total_after, "{code} {target}");
            assert!(
                rate_sheet(&sheet, &summary).stars >= target,
                "{code} {target}"
            );
        }
    }
}
