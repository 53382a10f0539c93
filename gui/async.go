package gui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
)

// runOnUI hands f to the UI thread. Tests replace it with a queue that the test
// goroutine drains, so widget state is only ever touched from one goroutine.
var runOnUI = fyne.Do

// serviceTimeout bounds one call to the service made from a handler.
const serviceTimeout = 2 * time.Minute

// background runs work off the UI thread and hands its result to apply on the UI
// thread. Every service call a handler makes goes through here.
func background[T any](work func(ctx context.Context) (T, error), apply func(T, error)) {
	backgroundIn(context.Background(), work, apply)
}

// backgroundIn is background under parent: cancelling parent stops the work, whose
// error then reaches apply, for work whose answer is no longer wanted.
func backgroundIn[T any](parent context.Context, work func(ctx context.Context) (T, error), apply func(T, error)) {
	go func() {
		ctx, cancel := context.WithTimeout(parent, serviceTimeout)
		defer cancel()
		v, err := work(ctx)
		runOnUI(func() { apply(v, err) })
	}()
}

// backgroundErr is background for work that returns only an error.
func backgroundErr(work func(ctx context.Context) error, apply func(error)) {
	background(func(ctx context.Context) (struct{}, error) { return struct{}{}, work(ctx) },
		func(_ struct{}, err error) { apply(err) })
}

// backgroundAsking is background for work that waits for the user between its calls
// to the service (signing in to a book on a server asks for a password), so it has
// no timeout of its own: each call inside bounds itself.
func backgroundAsking[T any](work func(ctx context.Context) (T, error), apply func(T, error)) {
	go func() {
		v, err := work(context.Background())
		runOnUI(func() { apply(v, err) })
	}()
}
