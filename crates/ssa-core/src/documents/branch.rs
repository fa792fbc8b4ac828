//! The nine branches of social security (ILO Convention No. 102) and how they map onto the
//! benefit chapters of the R167 Annex I template.
//!
//! The mapping is data in one place, [`BRANCH_FLAGS`]: each flag parameter of the template
//! (`branch.pensions`…) makes one benefit chapter conditional, and lists the ILO branches that
//! chapter deals with. Death grants (`branch.death_grants`) are a benefit category of
//! agreements but not one of the nine branches, so no branch maps to them: the team sets that
//! flag in the draft's particulars.

use serde::{Deserialize, Serialize};

/// One of the nine ILO C102 branches, in the Convention's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Branch {
    MedicalCare,
    Sickness,
    Unemployment,
    OldAge,
    EmploymentInjury,
    Family,
    Maternity,
    Invalidity,
    Survivors,
}

impl Branch {
    /// The nine branches in the order of ILO C102.
    pub const ALL: [Branch; 9] = [
        Branch::MedicalCare,
        Branch::Sickness,
        Branch::Unemployment,
        Branch::OldAge,
        Branch::EmploymentInjury,
        Branch::Family,
        Branch::Maternity,
        Branch::Invalidity,
        Branch::Survivors,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Branch::MedicalCare => "medical_care",
            Branch::Sickness => "sickness",
            Branch::Unemployment => "unemployment",
            Branch::OldAge => "old_age",
            Branch::EmploymentInjury => "employment_injury",
            Branch::Family => "family",
            Branch::Maternity => "maternity",
            Branch::Invalidity => "invalidity",
            Branch::Survivors => "survivors",
        }
    }

    /// English name, for the command line and messages (the UI translates by `as_str`).
    pub fn name(self) -> &'static str {
        match self {
            Branch::MedicalCare => "medical care",
            Branch::Sickness => "sickness",
            Branch::Unemployment => "unemployment",
            Branch::OldAge => "old age",
            Branch::EmploymentInjury => "employment injury",
            Branch::Family => "family",
            Branch::Maternity => "maternity",
            Branch::Invalidity => "invalidity",
            Branch::Survivors => "survivors",
        }
    }

    /// The template flag whose chapter deals with this branch.
    pub fn flag(self) -> &'static str {
        BRANCH_FLAGS
            .iter()
            .find(|f| f.branches.contains(&self))
            .map(|f| f.flag)
            .expect("BRANCH_FLAGS maps every branch (tested)")
    }
}

/// A flag parameter of the agreement template and the ILO branches its chapter deals with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BranchFlag {
    /// The flag parameter's name in the R167 Annex I template ("branch.pensions").
    pub flag: &'static str,
    /// The branches the flag's chapter deals with; the chapter is in while any of them is.
    pub branches: &'static [Branch],
}

/// Which chapter of the agreement each ILO branch lives in. The R167 Annex I template groups
/// medical care with sickness and maternity (Chapter "Sickness and maternity"), and invalidity
/// with old age and survivors (Chapter "Invalidity, old-age and survivors' benefits").
pub const BRANCH_FLAGS: &[BranchFlag] = &[
    BranchFlag {
        flag: "branch.sickness",
        branches: &[Branch::MedicalCare, Branch::Sickness, Branch::Maternity],
    },
    BranchFlag {
        flag: "branch.pensions",
        branches: &[Branch::OldAge, Branch::Invalidity, Branch::Survivors],
    },
    BranchFlag {
        flag: "branch.employment_injury",
        branches: &[Branch::EmploymentInjury],
    },
    BranchFlag {
        flag: "branch.unemployment",
        branches: &[Branch::Unemployment],
    },
    BranchFlag {
        flag: "branch.family",
        branches: &[Branch::Family],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_branch_maps_to_exactly_one_flag() {
        for branch in Branch::ALL {
            let flags: Vec<_> = BRANCH_FLAGS
                .iter()
                .filter(|f| f.branches.contains(&branch))
                .collect();
            assert_eq!(flags.len(), 1, "{branch:?} maps to {flags:?}");
        }
    }

    #[test]
    fn long_term_branches_share_the_pensions_chapter() {
        assert_eq!(Branch::OldAge.flag(), "branch.pensions");
        assert_eq!(Branch::Invalidity.flag(), "branch.pensions");
        assert_eq!(Branch::Survivors.flag(), "branch.pensions");
        assert_eq!(Branch::MedicalCare.flag(), "branch.sickness");
        assert_eq!(Branch::Maternity.flag(), "branch.sickness");
        assert_eq!(Branch::Unemployment.flag(), "branch.unemployment");
    }

    #[test]
    fn branch_codes_match_their_json_names() {
        for branch in Branch::ALL {
            assert_eq!(
                serde_json::to_value(branch).unwrap(),
                serde_json::json!(branch.as_str())
            );
        }
    }
}
