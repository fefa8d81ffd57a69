//! Walking every traversal in an HCL body, templates included.

use super::*;

pub(super) fn walk_body(body: &Body, f: &mut dyn FnMut(&Traversal)) {
    for attr in body.attributes() {
        walk_expr(attr.expr(), f, 0);
    }
    for block in body.blocks() {
        walk_body(block.body(), f);
    }
}

/// Visits every traversal in `expr`, including those inside templates
/// (`"${dependency.x.outputs.y}"`), function arguments, collections,
/// conditionals, operations and `for` expressions.
pub(super) fn walk_expr(expr: &Expression, f: &mut dyn FnMut(&Traversal), depth: usize) {
    if depth > MAX_WALK_DEPTH {
        return;
    }
    let d = depth + 1;
    match expr {
        Expression::Array(items) => items.iter().for_each(|e| walk_expr(e, f, d)),
        Expression::Object(object) => {
            for (key, value) in object {
                if let ObjectKey::Expression(k) = key {
                    walk_expr(k, f, d);
                }
                walk_expr(value, f, d);
            }
        }
        Expression::TemplateExpr(template) => walk_template_expr(template, f, d),
        Expression::Traversal(t) => {
            f(t);
            walk_expr(&t.expr, f, d);
            for op in &t.operators {
                if let TraversalOperator::Index(index) = op {
                    walk_expr(index, f, d);
                }
            }
        }
        Expression::FuncCall(call) => call.args.iter().for_each(|e| walk_expr(e, f, d)),
        Expression::Parenthesis(inner) => walk_expr(inner, f, d),
        Expression::Conditional(c) => {
            walk_expr(&c.cond_expr, f, d);
            walk_expr(&c.true_expr, f, d);
            walk_expr(&c.false_expr, f, d);
        }
        Expression::Operation(op) => match op.as_ref() {
            Operation::Unary(u) => walk_expr(&u.expr, f, d),
            Operation::Binary(b) => {
                walk_expr(&b.lhs_expr, f, d);
                walk_expr(&b.rhs_expr, f, d);
            }
        },
        Expression::ForExpr(fe) => {
            walk_expr(&fe.collection_expr, f, d);
            if let Some(k) = &fe.key_expr {
                walk_expr(k, f, d);
            }
            walk_expr(&fe.value_expr, f, d);
            if let Some(c) = &fe.cond_expr {
                walk_expr(c, f, d);
            }
        }
        _ => {}
    }
}

pub(super) fn walk_template_expr(
    template: &TemplateExpr,
    f: &mut dyn FnMut(&Traversal),
    depth: usize,
) {
    // hcl-rs keeps templates as raw strings; parse them to reach the
    // interpolated expressions.  A template that does not parse here already
    // passed the file parse, so just skip it.
    if let Ok(template) = Template::from_expr(template) {
        walk_template(&template, f, depth);
    }
}

pub(super) fn walk_template(template: &Template, f: &mut dyn FnMut(&Traversal), depth: usize) {
    if depth > MAX_WALK_DEPTH {
        return;
    }
    let d = depth + 1;
    for element in template.elements() {
        match element {
            Element::Literal(_) => {}
            Element::Interpolation(i) => walk_expr(&i.expr, f, d),
            Element::Directive(directive) => match directive.as_ref() {
                Directive::If(dir) => {
                    walk_expr(&dir.cond_expr, f, d);
                    walk_template(&dir.true_template, f, d);
                    if let Some(t) = &dir.false_template {
                        walk_template(t, f, d);
                    }
                }
                Directive::For(dir) => {
                    walk_expr(&dir.collection_expr, f, d);
                    walk_template(&dir.template, f, d);
                }
            },
        }
    }
}
