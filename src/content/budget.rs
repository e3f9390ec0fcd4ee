//! The plan's budget sums: pools and the actions no pool pays, per year,
//! per focus area and in all, each amount counted once. Exact in whole
//! kroner: resolve checked that the sum of every amount in the plan fits
//! in a `u64`, and every sum here is at most that.

use super::model::{Action, PlanPart, Pool};
use std::collections::BTreeMap;

impl Pool {
    /// The pool's whole amount (resolve checked that the plan's total fits).
    pub fn total(&self) -> u64 {
        self.lump.unwrap_or(0) + self.budget.values().sum::<u64>()
    }
}

impl PlanPart {
    /// An action's own budget counts toward totals unless a pool pays it.
    pub fn counted_budget<'a>(&self, a: &'a Action) -> &'a BTreeMap<u16, u64> {
        static EMPTY: BTreeMap<u16, u64> = BTreeMap::new();
        if a.pool.is_some() { &EMPTY } else { &a.budget }
    }

    /// Every year with a budget (of a pool or an action no pool pays).
    pub fn budget_years(&self) -> Vec<u16> {
        let mut y: Vec<u16> = self
            .actions
            .iter()
            .flat_map(|a| self.counted_budget(a).keys().copied())
            .chain(self.pools.iter().flat_map(|p| p.budget.keys().copied()))
            .collect();
        y.sort_unstable();
        y.dedup();
        y
    }

    /// A focus area's budget in `year`: its pools and its actions no pool
    /// pays (an action in a plan-level pool counts in that pool).
    pub fn area_year(&self, fi: usize, year: u16) -> u64 {
        let f = &self.focus_areas[fi];
        f.actions
            .iter()
            .filter_map(|a| self.counted_budget(&self.actions[*a]).get(&year))
            .chain(
                f.pools
                    .iter()
                    .filter_map(|p| self.pools[*p].budget.get(&year)),
            )
            .sum()
    }

    /// A focus area's pool amounts not divided by year.
    pub fn area_lump(&self, fi: usize) -> u64 {
        self.focus_areas[fi]
            .pools
            .iter()
            .filter_map(|p| self.pools[*p].lump)
            .sum()
    }

    /// A focus area's whole budget (its pools and unpooled actions).
    pub fn area_total(&self, fi: usize) -> u64 {
        let f = &self.focus_areas[fi];
        f.actions
            .iter()
            .flat_map(|a| self.counted_budget(&self.actions[*a]).values())
            .sum::<u64>()
            + f.pools.iter().map(|p| self.pools[*p].total()).sum::<u64>()
    }

    /// The pools of the plan itself (not of a focus area).
    pub fn plan_pools(&self) -> impl Iterator<Item = &Pool> {
        self.pools.iter().filter(|p| p.focus_area.is_none())
    }

    /// The plan's whole budget: pools plus the actions no pool pays.
    pub fn total_budget(&self) -> u64 {
        self.pools.iter().map(Pool::total).sum::<u64>()
            + self
                .actions
                .iter()
                .flat_map(|a| self.counted_budget(a).values())
                .sum::<u64>()
    }
}
