//! Direct labels at the end of a chart's lines: each label wants to stand
//! level with its line's last point; labels that would overlap are pushed
//! apart, deterministically, and kept inside the plot's height.

/// Centres for labels of heights `h` that want to stand at centres `want`,
/// at least `gap` apart, within `top..bottom`. Labels keep the order of
/// their wanted centres (ties: the order given), so a line's label never
/// jumps over another's.
pub(crate) fn spread(want: &[f64], h: &[f64], gap: f64, top: f64, bottom: f64) -> Vec<f64> {
    let n = want.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| want[*a].total_cmp(&want[*b]).then(a.cmp(b)));
    let mut y = vec![0.0; n];
    // Downward: each label at least below the one above it.
    let mut floor = top;
    for &i in &order {
        let c = want[i].max(floor + h[i] / 2.0);
        y[i] = c;
        floor = c + h[i] / 2.0 + gap;
    }
    // Upward: pull back whatever ran past the bottom.
    let mut ceil = bottom;
    for &i in order.iter().rev() {
        let c = y[i].min(ceil - h[i] / 2.0);
        y[i] = c;
        ceil = c - h[i] / 2.0 - gap;
    }
    y
}

#[cfg(test)]
mod tests {
    use super::spread;

    #[test]
    fn apart_labels_stay_where_they_want() {
        assert_eq!(
            spread(&[10.0, 50.0], &[12.0, 12.0], 2.0, 0.0, 100.0),
            vec![10.0, 50.0]
        );
    }

    #[test]
    fn close_labels_are_pushed_apart_in_order() {
        let y = spread(&[40.0, 38.0, 41.0], &[12.0, 12.0, 12.0], 2.0, 0.0, 100.0);
        // Order kept: 38 (second) above 40 (first) above 41 (third).
        assert!(y[1] < y[0] && y[0] < y[2]);
        assert!(y[0] - y[1] >= 14.0 - 1e-9 && y[2] - y[0] >= 14.0 - 1e-9);
        assert_eq!(y[1], 38.0);
    }

    #[test]
    fn labels_stay_inside() {
        let y = spread(&[98.0, 99.0], &[12.0, 24.0], 2.0, 0.0, 100.0);
        assert!(y[1] + 12.0 <= 100.0 + 1e-9);
        assert!(y[1] - 12.0 - 2.0 >= y[0] + 6.0 - 1e-9);
        let y = spread(&[-5.0], &[12.0], 2.0, 0.0, 100.0);
        assert_eq!(y, vec![6.0]);
    }

    #[test]
    fn equal_wishes_keep_the_given_order() {
        let y = spread(&[20.0, 20.0], &[10.0, 10.0], 0.0, 0.0, 100.0);
        assert_eq!(y, vec![20.0, 30.0]);
    }
}
