//! The facilitator's desk: each group's round, its timer and its lock.
//!
//! Contract: time is passed in (`now`); a timer accumulates the seconds it ran, so pausing and
//! starting again never loses or double-counts time, and the time left may go below zero (the
//! round runs over; the facilitator decides). A locked group takes no more files and its
//! timer stops; [`DeskState::reset`] brings every group back to round 1, unlocked, timers at
//! zero (the collected files are the caller's to drop).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::pack::WorkshopFile;

/// A round's stopwatch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundTimer {
    /// Seconds run before the current run (or in all, when paused).
    pub elapsed_seconds: i64,
    /// When the current run started; None while paused.
    pub running_since: Option<DateTime<Utc>>,
}

impl RoundTimer {
    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    /// Seconds run so far, counting the current run up to `now` (never negative, even if the
    /// clock went back).
    pub fn elapsed(&self, now: DateTime<Utc>) -> i64 {
        let running = self
            .running_since
            .map(|since| (now - since).num_seconds().max(0))
            .unwrap_or(0);
        self.elapsed_seconds + running
    }

    /// Starts (or keeps running) the timer.
    pub fn start(&mut self, now: DateTime<Utc>) {
        if self.running_since.is_none() {
            self.running_since = Some(now);
        }
    }

    /// Pauses the timer, keeping the time run.
    pub fn pause(&mut self, now: DateTime<Utc>) {
        self.elapsed_seconds = self.elapsed(now);
        self.running_since = None;
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupState {
    pub number: u32,
    /// 1-based round of the scenario the group is in.
    pub round: u32,
    pub timer: RoundTimer,
    pub locked_at: Option<DateTime<Utc>>,
}

/// The desk of one workshop, as kept between sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeskState {
    pub groups: Vec<GroupState>,
}

/// Why a desk action was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeskError {
    #[error("the workshop has no group {0}")]
    NoGroup(u32),
    #[error("group {0} is locked: its text is final")]
    Locked(u32),
    #[error("group {0} is already in the last round")]
    LastRound(u32),
}

impl DeskState {
    /// Every group in round 1, timers at zero.
    pub fn new(workshop: &WorkshopFile) -> DeskState {
        DeskState {
            groups: workshop
                .groups
                .iter()
                .map(|g| GroupState {
                    number: g.number,
                    round: 1,
                    timer: RoundTimer::default(),
                    locked_at: None,
                })
                .collect(),
        }
    }

    pub fn group(&self, number: u32) -> Result<&GroupState, DeskError> {
        self.groups
            .iter()
            .find(|g| g.number == number)
            .ok_or(DeskError::NoGroup(number))
    }

    fn unlocked(&mut self, number: u32) -> Result<&mut GroupState, DeskError> {
        let group = self
            .groups
            .iter_mut()
            .find(|g| g.number == number)
            .ok_or(DeskError::NoGroup(number))?;
        if group.locked_at.is_some() {
            return Err(DeskError::Locked(number));
        }
        Ok(group)
    }

    /// The groups an action applies to: one, or every unlocked group when `None`.
    fn targets(&self, group: Option<u32>) -> Result<Vec<u32>, DeskError> {
        match group {
            Some(number) => {
                let found = self.group(number)?;
                if found.locked_at.is_some() {
                    return Err(DeskError::Locked(number));
                }
                Ok(vec![number])
            }
            None => Ok(self
                .groups
                .iter()
                .filter(|g| g.locked_at.is_none())
                .map(|g| g.number)
                .collect()),
        }
    }

    pub fn start(&mut self, group: Option<u32>, now: DateTime<Utc>) -> Result<(), DeskError> {
        for number in self.targets(group)? {
            self.unlocked(number)?.timer.start(now);
        }
        Ok(())
    }

    pub fn pause(&mut self, group: Option<u32>, now: DateTime<Utc>) -> Result<(), DeskError> {
        for number in self.targets(group)? {
            self.unlocked(number)?.timer.pause(now);
        }
        Ok(())
    }

    /// Moves a group to the next round, its timer at zero and paused.
    pub fn next_round(&mut self, number: u32, rounds: u32) -> Result<(), DeskError> {
        let group = self.unlocked(number)?;
        if group.round >= rounds {
            return Err(DeskError::LastRound(number));
        }
        group.round += 1;
        group.timer = RoundTimer::default();
        Ok(())
    }

    /// Locks a group's text: its timer stops and no file is collected for it any more.
    pub fn lock(&mut self, number: u32, now: DateTime<Utc>) -> Result<(), DeskError> {
        let group = self.unlocked(number)?;
        group.timer.pause(now);
        group.locked_at = Some(now);
        Ok(())
    }

    pub fn reset(&mut self) {
        for group in &mut self.groups {
            group.round = 1;
            group.timer = RoundTimer::default();
            group.locked_at = None;
        }
    }
}
