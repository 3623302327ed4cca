// A base for objects that own disposables: register once, released together.
import * as vscode from 'vscode';

export abstract class DisposableOwner implements vscode.Disposable {
  private readonly owned: { dispose(): unknown }[] = [];
  private disposed = false;

  protected own<T extends { dispose(): unknown }>(disposable: T): T {
    if (this.disposed) disposable.dispose();
    else this.owned.push(disposable);
    return disposable;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const disposable of this.owned.splice(0).reverse()) disposable.dispose();
  }
}
